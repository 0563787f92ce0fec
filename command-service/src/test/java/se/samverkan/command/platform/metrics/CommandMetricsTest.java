package se.samverkan.command.platform.metrics;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.platform.metrics.CommandMetrics.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class CommandMetricsTest {

    @Test
    void theCallersMistakesAreRejectionsClashesAreConflictsTheRestAreErrors() {
        assertThat(CommandMetrics.outcomeOf(new RuleViolation("name", "must not be blank"))).isEqualTo(Outcome.REJECTED);
        assertThat(CommandMetrics.outcomeOf(new AggregateNotFoundException("p-1", "no such project"))).isEqualTo(Outcome.REJECTED);
        assertThat(CommandMetrics.outcomeOf(new ConflictException("wrong lifecycle step"))).isEqualTo(Outcome.CONFLICT);
        assertThat(CommandMetrics.outcomeOf(new AggregateStreamCreationException("id taken"))).isEqualTo(Outcome.CONFLICT);
        // as the event store reports a clash on its key: wrapped
        assertThat(CommandMetrics.outcomeOf(new IllegalStateException("append failed", new ConcurrencyException("sequence taken"))))
                .isEqualTo(Outcome.CONFLICT);
        assertThat(CommandMetrics.outcomeOf(new IllegalStateException("database down"))).isEqualTo(Outcome.ERROR);
        assertThat(CommandMetrics.outcomeOf(null)).isEqualTo(Outcome.ERROR);
    }
}
