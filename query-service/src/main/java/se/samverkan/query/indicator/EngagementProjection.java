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
import se.samverkan.query.project.EventIndex;

import java.time.LocalDate;
import java.util.List;

/**
 * The facts the derived counting rules (ORGANISATIONS_ENGAGED, INSTITUTIONAL_ORGANISATIONS_ENGAGED)
 * count: each organisation taking part in a meeting or workshop, or in a pilot's working group at its
 * inclusion, with the date and the event that records it. A cancelled activity's engagements are removed.
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
        record(EventIndex.of(token), event.projectId(), event.organisations(), event.date(), MEETING_HELD, event.activityId());
    }

    @EventHandler
    void on(WorkshopHeld event, TrackingToken token) {
        record(EventIndex.of(token), event.projectId(), event.organisations(), event.date(), WORKSHOP_HELD, event.activityId());
    }

    @EventHandler
    void on(PilotIncluded event, TrackingToken token) {
        record(EventIndex.of(token), event.projectId(), event.workingGroup(), event.includedOn(), PILOT_INCLUDED, event.pilotId());
    }

    @EventHandler
    void on(ActivityCancelled event) {
        // activity and pilot ids are chosen by clients independently, so name the activity's event types too
        writes.update("DELETE FROM engagement WHERE aggregate_id = ? AND event_type IN (?, ?)",
                event.activityId(), MEETING_HELD, WORKSHOP_HELD);
    }

    private void record(long eventIndex, String projectId, List<OrgNumber> organisations, LocalDate date, String eventType,
                        String aggregateId) {
        if (organisations == null) {
            return;
        }
        for (OrgNumber orgNumber : organisations) {
            writes.update("""
                    INSERT INTO engagement (event_index, org_number, project_id, engaged_on, event_type, aggregate_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (event_index, org_number) DO NOTHING""",
                    eventIndex, orgNumber.value(), projectId, date, eventType, aggregateId);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM engagement");
    }
}
