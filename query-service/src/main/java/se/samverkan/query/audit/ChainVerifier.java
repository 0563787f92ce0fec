package se.samverkan.query.audit;

import se.samverkan.events.store.HashChain;
import se.samverkan.query.platform.eventstore.StoredEvent;

import java.util.List;

/**
 * Recomputes an aggregate's hash chain from its stored events (see HashChain) and names the first
 * version that does not match: a changed payload or metadata, a changed hash, a missing event (a gap in
 * the sequence numbers) or a reordered one. Optionally also checks a receipt's chain head, which
 * catches a rewrite of the whole chain.
 */
public final class ChainVerifier {

    /** A receipt given to a client earlier: the chain head it was told at that version. */
    public record Receipt(long version, String chainHead) {
    }

    public record ReceiptCheck(long version, String chainHead, boolean matches, String detail) {
    }

    public record Verification(boolean valid, int events, String chainHead, Long firstBrokenVersion, String problem,
                               ReceiptCheck receipt) {
    }

    private ChainVerifier() {
    }

    public static Verification verify(List<StoredEvent> events, Receipt receipt) {
        String previous = HashChain.GENESIS;
        Long broken = null;
        String problem = null;
        for (int i = 0; i < events.size() && broken == null; i++) {
            StoredEvent event = events.get(i);
            if (event.sequenceNumber() != i) {
                broken = (long) i + 1;
                problem = "version " + (i + 1) + " is missing from the stored history (the next stored one is version "
                        + event.version() + ")";
                break;
            }
            String recomputed = HashChain.hash(previous, event.aggregateId(), event.sequenceNumber(), event.payloadType(),
                    event.payloadRevision(), event.payload(), event.metaData());
            if (!previous.equals(event.storedPreviousHash())) {
                broken = event.version();
                problem = "version " + event.version() + " does not link to the stored hash of the version before it";
            } else if (!recomputed.equals(event.storedHash())) {
                broken = event.version();
                problem = "version " + event.version() + " was changed after it was stored: its content no longer"
                        + " matches its hash";
            }
            previous = recomputed;
        }
        String chainHead = events.isEmpty() ? null : events.get(events.size() - 1).storedHash();
        ReceiptCheck receiptCheck = receipt == null ? null : check(events, receipt);
        boolean valid = broken == null && (receiptCheck == null || receiptCheck.matches());
        return new Verification(valid, events.size(), chainHead, broken, problem, receiptCheck);
    }

    private static ReceiptCheck check(List<StoredEvent> events, Receipt receipt) {
        if (receipt.version() < 1 || receipt.version() > events.size()) {
            return new ReceiptCheck(receipt.version(), receipt.chainHead(), false,
                    "the stored history has " + events.size() + " versions; the receipt names version " + receipt.version());
        }
        StoredEvent event = events.get((int) receipt.version() - 1);
        boolean matches = receipt.chainHead().equals(event.storedHash());
        return new ReceiptCheck(receipt.version(), receipt.chainHead(), matches, matches
                ? "the stored history at version " + receipt.version() + " is the one the receipt was given for"
                : "the stored history at version " + receipt.version() + " is not the one the receipt was given for:"
                + " it has been rewritten");
    }
}
