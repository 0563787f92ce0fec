package se.samverkan.query.indicator;

import se.samverkan.query.platform.replay.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.project.IndicatorCounting;
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.events.project.IndicatorOutcomeRecorded;
import se.samverkan.query.platform.eventstore.StoredTime;
import se.samverkan.query.project.EventIndex;

import java.time.Instant;

/**
 * Indicator definitions and their MANUAL outcomes, one per year: a later outcome for a year replaces
 * the earlier one and becomes its evidence. (Derived outcomes are counted from {@link EngagementProjection}.)
 */
@Component
@ProcessingGroup("indicators")
public class IndicatorProjection implements ReadModel {

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;

    public IndicatorProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(IndicatorDefined event, @SequenceNumber long sequenceNumber) {
        writes.update("""
                INSERT INTO indicator (project_id, code, name, unit, target, counting_rule, sequence_number)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, code) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit,
                    target = EXCLUDED.target, counting_rule = EXCLUDED.counting_rule, sequence_number = EXCLUDED.sequence_number""",
                event.projectId(), event.code(), event.name(), event.unit(), event.target(), event.countingRule().name(),
                sequenceNumber);
    }

    @EventHandler
    void on(IndicatorOutcomeRecorded event, EventMessage<?> message, TrackingToken token) {
        // read here rather than by @Timestamp, which gives StoredTime.UNKNOWN for a stored time stamp that is no instant:
        // an outcome whose stored time stamp cannot be read still counts, dated by when it is folded in
        Instant recordedAt = StoredTime.of(message).orElseGet(Instant::now);
        String[] organisations = event.organisations() == null ? new String[0]
                : event.organisations().stream().map(OrgNumber::value).toArray(String[]::new);
        // the guard keeps the newest outcome even if an older event were delivered again after it
        writes.update("""
                INSERT INTO indicator_outcome (project_id, code, year, value, organisations, note, event_index, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, code, year) DO UPDATE SET value = EXCLUDED.value,
                    organisations = EXCLUDED.organisations, note = EXCLUDED.note, event_index = EXCLUDED.event_index,
                    recorded_at = EXCLUDED.recorded_at
                WHERE indicator_outcome.event_index <= EXCLUDED.event_index""",
                event.projectId(), event.code(), event.year(), IndicatorCounting.manualValue(event), organisations, event.note(),
                EventIndex.of(token), java.sql.Timestamp.from(recordedAt));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE indicator_outcome, indicator");
    }
}
