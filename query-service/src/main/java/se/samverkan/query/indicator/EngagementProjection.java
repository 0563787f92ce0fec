package se.samverkan.query.indicator;

import se.samverkan.query.platform.replay.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.WorkshopHeld;
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.project.IndicatorCounting;
import se.samverkan.query.project.EventIndex;

/**
 * The facts the derived counting rules (ORGANISATIONS_ENGAGED, INSTITUTIONAL_ORGANISATIONS_ENGAGED)
 * count: each organisation taking part in a meeting or workshop, or in a pilot's working group at its
 * inclusion, with the date and the event that records it. A cancelled activity's engagements are removed.
 * Which facts an event records or removes is {@link IndicatorCounting}'s, as for the submission's snapshot.
 * Categories are joined at query time, as the organisation's registration may be processed later.
 */
@Component
@ProcessingGroup("engagements")
public class EngagementProjection implements ReadModel {

    static final String MEETING_HELD = "MeetingHeld";
    static final String WORKSHOP_HELD = "WorkshopHeld";
    static final String PILOT_INCLUDED = "PilotIncluded";

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;

    public EngagementProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(MeetingHeld event, TrackingToken token) {
        record(EventIndex.of(token), MEETING_HELD, IndicatorCounting.recorded(event));
    }

    @EventHandler
    void on(WorkshopHeld event, TrackingToken token) {
        record(EventIndex.of(token), WORKSHOP_HELD, IndicatorCounting.recorded(event));
    }

    @EventHandler
    void on(PilotIncluded event, TrackingToken token) {
        record(EventIndex.of(token), PILOT_INCLUDED, IndicatorCounting.recorded(event));
    }

    @EventHandler
    void on(ActivityCancelled event) {
        // the rows of the cancelled activity's own event types, never a pilot's
        IndicatorCounting.Removed removed = IndicatorCounting.removed(event);
        writes.update("DELETE FROM engagement WHERE aggregate_id = ? AND event_type = ANY(?)",
                removed.sourceId(), removed.source().eventTypes().toArray(String[]::new));
    }

    private void record(long eventIndex, String eventType, IndicatorCounting.Recorded recorded) {
        for (OrgNumber orgNumber : recorded.organisations()) {
            writes.update("""
                    INSERT INTO engagement (event_index, org_number, project_id, engaged_on, event_type, aggregate_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (event_index, org_number) DO NOTHING""",
                    eventIndex, orgNumber.value(), recorded.projectId(), recorded.engagedOn(), eventType, recorded.sourceId());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE engagement");
    }
}
