package se.samverkan.command.platform;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ImmutableRowCacheTest {

    private final List<String> reads = new ArrayList<>();
    private final ImmutableRowCache<String, String> cache = new ImmutableRowCache<>();

    private Function<String, Optional<String>> table(String... keysWithRows) {
        List<String> keys = List.of(keysWithRows);
        return key -> {
            reads.add(key);
            return keys.contains(key) ? Optional.of("row of " + key) : Optional.empty();
        };
    }

    @Test
    void aCommittedRowIsReadOnceAndRemembered() {
        assertThat(cache.find("r1", table("r1"))).contains("row of r1");
        assertThat(cache.find("r1", table("r1"))).contains("row of r1");
        assertThat(reads).containsExactly("r1");
    }

    @Test
    void aKeyWithoutRowIsAskedAgainSoThatARowWrittenLaterIsFound() {
        assertThat(cache.find("r2", table())).isEmpty();
        assertThat(cache.find("r2", table("r2"))).contains("row of r2");
        assertThat(reads).containsExactly("r2", "r2");
    }

    @Test
    void aRowReadInsideATransactionIsRememberedOnlyOnceItCommits() {
        assertThat(insideATransaction("r3", true)).contains("row of r3");
        assertThat(cache.find("r3", table())).as("committed").contains("row of r3");
        assertThat(reads).containsExactly("r3");
    }

    @Test
    void aRowReadInsideATransactionThatRollsBackIsNotRemembered() {
        assertThat(insideATransaction("r4", false)).contains("row of r4");
        assertThat(cache.find("r4", table())).as("rolled back, as if it had written the row itself").isEmpty();
        assertThat(reads).containsExactly("r4", "r4");
    }

    private Optional<String> insideATransaction(String key, boolean commits) {
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            Optional<String> row = cache.find(key, table(key));
            List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
            if (commits) {
                TransactionSynchronizationUtils.invokeAfterCommit(synchronizations);
            }
            TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations,
                    commits ? TransactionSynchronization.STATUS_COMMITTED : TransactionSynchronization.STATUS_ROLLED_BACK);
            return row;
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
            TransactionSynchronizationManager.clearSynchronization();
        }
    }
}
