package se.samverkan.command.pilot;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.command.platform.lookups.LookupRebuild;
import se.samverkan.command.platform.ImmutableRowCache;
import se.samverkan.events.pilot.PilotProposed;

import java.util.Optional;

/** {@link PilotDirectory} in PostgreSQL, kept in the transaction of each proposal. */
@Component
@ProcessingGroup("pilot-lookup")
public class PilotLookup implements PilotDirectory {

    private final JdbcTemplate jdbc;
    /** The project of a pilot never changes: its scope checks read it here. */
    private final ImmutableRowCache<String, String> projects = new ImmutableRowCache<>();

    public PilotLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Before a rebuild from the event store (LookupRebuild). */
    @ResetHandler
    void reset() {
        LookupRebuild.empty(jdbc, "pilot");
    }

    @EventHandler
    void on(PilotProposed event) {
        jdbc.update("INSERT INTO pilot (pilot_id, project_id) VALUES (?, ?)", event.pilotId(), event.projectId());
    }

    @Override
    public Optional<String> projectOf(String pilotId) {
        return projects.find(pilotId, this::readProjectOf);
    }

    private Optional<String> readProjectOf(String pilotId) {
        return jdbc.queryForList("SELECT project_id FROM pilot WHERE pilot_id = ?", String.class, pilotId)
                .stream().findFirst();
    }
}
