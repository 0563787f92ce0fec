package se.samverkan.command.activity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.command.platform.lookups.LookupRebuild;
import se.samverkan.command.platform.ImmutableRowCache;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.WorkshopHeld;

import java.util.Optional;

/** {@link ActivityDirectory} in PostgreSQL, kept in the transaction of each activity command. */
@Component
@ProcessingGroup("activity-lookup")
public class ActivityLookup implements ActivityDirectory {

    private final JdbcTemplate jdbc;
    /** The project of a activity never changes: its scope checks read it here. */
    private final ImmutableRowCache<String, String> projects = new ImmutableRowCache<>();

    public ActivityLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Before a rebuild from the event store (LookupRebuild). */
    @ResetHandler
    void reset() {
        LookupRebuild.empty(jdbc, "activity");
    }

    @EventHandler
    void on(MeetingHeld event) {
        insert(event.activityId(), event.projectId());
    }

    @EventHandler
    void on(WorkshopHeld event) {
        insert(event.activityId(), event.projectId());
    }

    @EventHandler
    void on(ActivityCancelled event) {
        jdbc.update("UPDATE activity SET cancelled = TRUE WHERE activity_id = ?", event.activityId());
    }

    private void insert(String activityId, String projectId) {
        jdbc.update("INSERT INTO activity (activity_id, project_id) VALUES (?, ?)", activityId, projectId);
    }

    @Override
    public Optional<String> projectOf(String activityId) {
        return projects.find(activityId, this::readProjectOf);
    }

    private Optional<String> readProjectOf(String activityId) {
        return jdbc.queryForList("SELECT project_id FROM activity WHERE activity_id = ?", String.class, activityId)
                .stream().findFirst();
    }
}
