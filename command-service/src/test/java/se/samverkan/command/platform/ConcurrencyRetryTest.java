package se.samverkan.command.platform;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyRetryTest {

    @Test
    void aConcurrentAppendIsRetriedAlsoWhenWrapped() {
        ConcurrencyException conflict = new ConcurrencyException("sequence 5 was already inserted",
                new SQLException("duplicate key", "23505"));
        assertThat(ConcurrencyRetry.isConcurrencyConflict(conflict)).isTrue();
        assertThat(ConcurrencyRetry.isConcurrencyConflict(new CommandExecutionException("failed", conflict))).isTrue();
    }

    @Test
    void aStaleIfMatchATakenIdOrARuleIsNot() {
        assertThat(ConcurrencyRetry.isConcurrencyConflict(new ConflictingAggregateVersionException("r", 3, 5))).isFalse();
        assertThat(ConcurrencyRetry.isConcurrencyConflict(new AggregateStreamCreationException("taken"))).isFalse();
        assertThat(ConcurrencyRetry.isConcurrencyConflict(new IllegalArgumentException("rule"))).isFalse();
    }
}
