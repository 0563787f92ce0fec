package se.samverkan.command.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers rows of a lookup table that never change once written (an organisation number's organisation, the
 * project of a report), so that the command path does not read them again for every request. Only rows found
 * are remembered, and only committed ones: a row read inside a transaction (which may have written it itself)
 * is remembered once that transaction commits, never if it rolls back. A key not found is asked again next time.
 */
public final class ImmutableRowCache<K, V> {

    /** More keys than this is unexpected; the memory is then simply emptied. */
    private static final int REMEMBERED_AT_MOST = 50_000;

    private final Map<K, V> rows = new ConcurrentHashMap<>();

    public Optional<V> find(K key, Function<K, Optional<V>> read) {
        V known = rows.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<V> row = read.apply(key);
        if (row.isEmpty()) {
            return row;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            remember(key, row.get());
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(key, row.get());
                }
            });
        }
        return row;
    }

    private void remember(K key, V row) {
        if (rows.size() >= REMEMBERED_AT_MOST) {
            rows.clear();
        }
        rows.put(key, row);
    }
}
