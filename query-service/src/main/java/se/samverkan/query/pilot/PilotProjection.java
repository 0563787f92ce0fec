package se.samverkan.query.pilot;

import se.samverkan.query.platform.replay.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.pilot.PilotConcluded;
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.pilot.PilotProposed;
import se.samverkan.events.pilot.PilotStatus;
import se.samverkan.events.pilot.PilotWithdrawn;

import java.sql.Timestamp;
import java.time.Instant;

/** Pilots and their status: PROPOSED, then INCLUDED, then CONCLUDED; or WITHDRAWN. */
@Component
@ProcessingGroup("pilots")
public class PilotProjection implements ReadModel {

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;

    public PilotProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(PilotProposed event, @org.axonframework.eventhandling.Timestamp Instant proposedAt) {
        // a repeated delivery leaves the status alone: the pilot's later events are delivered after it again
        writes.update("""
                INSERT INTO pilot (pilot_id, project_id, name, challenge, proposed_by_org_number, proposed_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (pilot_id) DO UPDATE SET project_id = EXCLUDED.project_id, name = EXCLUDED.name,
                    challenge = EXCLUDED.challenge, proposed_by_org_number = EXCLUDED.proposed_by_org_number,
                    proposed_at = EXCLUDED.proposed_at""",
                event.pilotId(), event.projectId(), event.name(), event.challenge(),
                event.proposedByOrgNumber() == null ? null : event.proposedByOrgNumber().value(), Timestamp.from(proposedAt),
                PilotStatus.PROPOSED.name());
    }

    @EventHandler
    void on(PilotIncluded event) {
        String[] workingGroup = event.workingGroup() == null ? new String[0]
                : event.workingGroup().stream().map(OrgNumber::value).toArray(String[]::new);
        writes.update("UPDATE pilot SET status = ?, included_on = ?, members = ?, working_group = ? WHERE pilot_id = ?",
                PilotStatus.INCLUDED.name(), event.includedOn(), event.members(), workingGroup, event.pilotId());
    }

    @EventHandler
    void on(PilotConcluded event) {
        writes.update("UPDATE pilot SET status = ?, concluded_on = ?, outcome = ? WHERE pilot_id = ?",
                PilotStatus.CONCLUDED.name(), event.concludedOn(), event.outcome(), event.pilotId());
    }

    @EventHandler
    void on(PilotWithdrawn event) {
        writes.update("UPDATE pilot SET status = ?, withdrawn_on = ?, withdrawal_reason = ? WHERE pilot_id = ?",
                PilotStatus.WITHDRAWN.name(), event.withdrawnOn(), event.reason(), event.pilotId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE pilot");
    }
}
