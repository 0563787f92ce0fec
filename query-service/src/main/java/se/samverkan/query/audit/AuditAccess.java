package se.samverkan.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.report.ProgressReportDrafted;
import se.samverkan.events.security.Role;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.query.platform.eventstore.ProjectOfPayload;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.platform.security.Caller;
import se.samverkan.platform.web.ForbiddenException;

import java.util.Optional;

/**
 * Who may read a report's or project's audit views (API and page): ADMIN, and AUDITOR or COORDINATOR
 * tokens of its project. Role first, then scope, then existence: a scoped token gets the same 403 for a
 * report of another project as for an id that names nothing; only a token that sees every project learns
 * that an id is unknown (404).
 */
@Component
public class AuditAccess {

    private static final String PROJECT_OF_REPORT = "SELECT payload FROM "
            + EventStoreSchema.EVENT_TABLE + " WHERE aggregate_identifier = ? AND sequence_number = 0 AND payload_type = ?";

    private final JdbcTemplate jdbc;

    public AuditAccess(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** kind as in the path: "reports" or "projects". Answers the project the audited aggregate belongs to. */
    public String requireReadable(Caller caller, String kind, String id) {
        caller.requireRole(Role.AUDITOR, Role.COORDINATOR);
        if (kind.equals("projects")) {
            caller.requireRead(id);
            return id;
        }
        Optional<String> projectId = jdbc.queryForList(PROJECT_OF_REPORT, byte[].class, id, ProgressReportDrafted.class.getName())
                .stream().findFirst().map(payload -> ProjectOfPayload.of(ProgressReportDrafted.class.getName(), payload));
        if (projectId.isPresent() && caller.canRead(projectId.get())) {
            return projectId.get();
        }
        if (!caller.seesAllProjects()) {
            throw new ForbiddenException("this token is not scoped to the project of report '" + id + "'");
        }
        throw new NotFoundException("there is no report with the id '" + id + "'");
    }
}
