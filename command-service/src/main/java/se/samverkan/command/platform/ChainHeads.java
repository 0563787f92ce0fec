package se.samverkan.command.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest hash of recently written aggregates, as committed by this process, so that appending to a
 * long chain need not read the previous event back. A head is remembered only after its transaction has
 * committed (a rolled-back append, e.g. one that lost a race on the unique (aggregate, sequence), leaves
 * nothing behind), and it is used only for the very next sequence number: if another process appended
 * meanwhile, the numbers do not match and the caller reads the store. Committed events never change, so
 * a remembered head is never stale, only possibly old.
 */
final class ChainHeads {

    record Head(long sequenceNumber, String hash) {
    }

    private final Map<String, Head> heads;

    ChainHeads(int capacity) {
        this.heads = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The hash of event {@code sequenceNumber} of the aggregate, if that is the head remembered for it. */
    synchronized Optional<String> hashAt(String aggregateId, long sequenceNumber) {
        Head head = heads.get(aggregateId);
        return head != null && head.sequenceNumber() == sequenceNumber ? Optional.of(head.hash()) : Optional.empty();
    }

    /** Remembers the heads once the current transaction commits; without one, remembers nothing. */
    void rememberAfterCommit(Map<String, Head> written) {
        if (written.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, Head> copy = Map.copyOf(written);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                remember(copy);
            }
        });
    }

    private synchronized void remember(Map<String, Head> written) {
        written.forEach((aggregateId, head) -> heads.merge(aggregateId, head,
                (old, fresh) -> fresh.sequenceNumber() > old.sequenceNumber() ? fresh : old));
    }
}
