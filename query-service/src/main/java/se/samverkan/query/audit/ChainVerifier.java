package se.samverkan.query.audit;

import se.samverkan.platform.eventstore.HashChain;
import se.samverkan.query.platform.eventstore.StoredEvent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recomputes an aggregate's hash chain from its stored events (see HashChain), each event under the hash
 * version its metadata names, and names the first version that does not match: a changed payload,
 * metadata or (from hash version 2 on) stored instant, a changed hash, a missing event (a gap in the
 * sequence numbers), a reordered one, or stored bytes that are not the JSON the writer stores. Optionally also checks a receipt's chain head, which
 * catches a rewrite of the whole chain.
 */
public final class ChainVerifier {

    /** A receipt given to a client earlier: the chain head it was told at that version. */
    public record Receipt(long version, String chainHead) {
    }

    public record ReceiptCheck(long version, String chainHead, boolean matches, String detail) {
    }

    /**
     * {@code hashVersions}: how many of the events were chained under each hash version (1: before the
     * stored instant was covered; 2: covers it), so an auditor sees how much of the history is protected how.
     */
    public record Verification(boolean valid, int events, String chainHead, Long firstBrokenVersion, String problem,
                               ReceiptCheck receipt, Map<String, Integer> hashVersions) {
    }

    private ChainVerifier() {
    }

    public static Verification verify(List<StoredEvent> events, Receipt receipt) {
        String previous = HashChain.GENESIS;
        Long broken = null;
        String problem = null;
        Map<String, Integer> hashVersions = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            HashChain.Link link = HashChain.Link.of(event.metaData());
            int hashVersion = link.version();
            hashVersions.merge(hashVersion > 0 ? Integer.toString(hashVersion) : "unknown", 1, Integer::sum);
            if (broken != null) {
                continue; // counted, but a chain is only checked up to its first break
            }
            if (event.sequenceNumber() != i) {
                broken = (long) i + 1;
                problem = "version " + (i + 1) + " is missing from the stored history (the next stored one is version "
                        + event.version() + ")";
                continue;
            }
            if (hashVersion != HashChain.VERSION_1 && hashVersion != HashChain.VERSION_2) {
                broken = event.version();
                problem = "version " + event.version() + " names no hash version this service knows (its metadata was changed"
                        + " or cannot be read)";
                continue;
            }
            String recomputed;
            try {
                recomputed = link.recompute(previous, event.aggregateId(), event.sequenceNumber(), event.payloadType(),
                        event.payloadRevision(), event.timestamp(), event.payload());
            } catch (RuntimeException unreadable) {
                broken = event.version();
                problem = "version " + event.version() + " was changed after it was stored: its payload or metadata is not"
                        + " the JSON that was stored";
                continue;
            }
            if (!previous.equals(link.previousHash())) {
                broken = event.version();
                problem = "version " + event.version() + " does not link to the stored hash of the version before it";
            } else if (!recomputed.equals(link.hash())) {
                broken = event.version();
                problem = "version " + event.version() + " was changed after it was stored: its content"
                        + (hashVersion >= HashChain.VERSION_2 ? " or stored instant" : "") + " no longer matches its hash"
                        + " (hash version " + hashVersion + ")";
            }
            previous = recomputed;
        }
        String chainHead = events.isEmpty() ? null : events.get(events.size() - 1).storedHash();
        ReceiptCheck receiptCheck = receipt == null ? null : check(events, receipt);
        boolean valid = broken == null && (receiptCheck == null || receiptCheck.matches());
        return new Verification(valid, events.size(), chainHead, broken, problem, receiptCheck, hashVersions);
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
