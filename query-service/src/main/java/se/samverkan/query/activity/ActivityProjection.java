package se.samverkan.query.activity;

import se.samverkan.query.platform.replay.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.Participants;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.WorkshopHeld;
import se.samverkan.query.project.EventIndex;

import java.util.List;

/** Meetings and workshops, with their cancellation (an event of the same activity, so it comes after). */
@Component
@ProcessingGroup("activities")
public class ActivityProjection implements ReadModel {

    static final String MEETING = "MEETING";
    static final String WORKSHOP = "WORKSHOP";

    private static final String UPSERT = """
            INSERT INTO activity (activity_id, project_id, activity_type, kind, work_package, held_on, title, target_group,
                organisations, participants_women, participants_men, participants_other, notes, outcome, event_index)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (activity_id) DO UPDATE SET project_id = EXCLUDED.project_id, activity_type = EXCLUDED.activity_type,
                kind = EXCLUDED.kind, work_package = EXCLUDED.work_package, held_on = EXCLUDED.held_on, title = EXCLUDED.title,
                target_group = EXCLUDED.target_group, organisations = EXCLUDED.organisations,
                participants_women = EXCLUDED.participants_women, participants_men = EXCLUDED.participants_men,
                participants_other = EXCLUDED.participants_other, notes = EXCLUDED.notes, outcome = EXCLUDED.outcome,
                event_index = EXCLUDED.event_index""";

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;

    public ActivityProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(MeetingHeld event, TrackingToken token) {
        Participants participants = participantsOf(event.participants());
        writes.update(UPSERT, event.activityId(), event.projectId(), MEETING, event.kind().name(), event.workPackage(),
                event.date(), event.title(), null, orgNumbers(event.organisations()), participants.women(), participants.men(),
                participants.other(), event.notes(), null, EventIndex.of(token));
    }

    @EventHandler
    void on(WorkshopHeld event, TrackingToken token) {
        Participants participants = participantsOf(event.participants());
        writes.update(UPSERT, event.activityId(), event.projectId(), WORKSHOP, null, event.workPackage(),
                event.date(), event.title(), event.targetGroup(), orgNumbers(event.organisations()), participants.women(),
                participants.men(), participants.other(), null, event.outcome(), EventIndex.of(token));
    }

    @EventHandler
    void on(ActivityCancelled event) {
        writes.update("UPDATE activity SET cancelled = TRUE, cancellation_reason = ? WHERE activity_id = ?",
                event.reason(), event.activityId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE activity");
    }

    static String[] orgNumbers(List<OrgNumber> organisations) {
        return organisations == null ? new String[0] : organisations.stream().map(OrgNumber::value).toArray(String[]::new);
    }

    private static Participants participantsOf(Participants participants) {
        return participants == null ? Participants.NONE : participants;
    }
}
