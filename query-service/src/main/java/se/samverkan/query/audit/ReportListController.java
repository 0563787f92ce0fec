package se.samverkan.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.events.report.ReportStatus;
import se.samverkan.events.security.Role;
import se.samverkan.query.platform.eventstore.StoredEvents;
import se.samverkan.query.project.ProjectAccess;
import se.samverkan.query.project.Projects;
import se.samverkan.platform.security.Caller;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which reports there are: a project's reports (for its reports page) and an auditor's inbox of the
 * SUBMITTED reports across its projects, oldest submission first. Status and submission come from the
 * {@link ReportListProjection} read model (a read that sends Samverkan-Min-Position sees what it just wrote), the
 * version from the event store itself, so it is always the one a write must name in If-Match.
 */
@RestController
public class ReportListController {

    private final JdbcTemplate jdbc;
    private final StoredEvents storedEvents;
    private final ProjectAccess access;
    private final Projects projects;

    /** A report as the lists show it; submittedAt is null until it is first submitted. */
    public record ReportSummary(String reportId, String projectId, String projectName, long number, String periodStart,
                                String periodEnd, String status, String submittedAt, long version) {
    }

    public ReportListController(JdbcTemplate jdbc, StoredEvents storedEvents, ProjectAccess access, Projects projects) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
        this.access = access;
        this.projects = projects;
    }

    @GetMapping("/api/projects/{projectId}/reports")
    public List<ReportSummary> projectReports(@PathVariable String projectId, Caller caller) {
        access.requireReadable(caller, projectId);
        return summaries("WHERE project_id = ?", projectId).stream()
                .sorted(Comparator.comparingLong(ReportSummary::number))
                .toList();
    }

    @GetMapping("/api/reviews")
    public List<ReportSummary> reviews(Caller caller) {
        caller.requireRole(Role.AUDITOR);
        List<ReportSummary> submitted = caller.seesAllProjects()
                ? summaries("WHERE status = ?", ReportStatus.SUBMITTED.name())
                : summaries("WHERE status = ? AND project_id = ANY(?)", ReportStatus.SUBMITTED.name(),
                        caller.projects().toArray(String[]::new));
        return submitted.stream()
                // as instants: the texts of instants with and without fractions of a second do not sort by time
                .sorted(Comparator.comparing(report -> Instant.parse(report.submittedAt())))
                .toList();
    }

    private List<ReportSummary> summaries(String where, Object... args) {
        record Row(String reportId, String projectId, long number, String periodStart, String periodEnd, String status,
                   String submittedAt) {
        }
        List<Row> rows = jdbc.query("SELECT report_id, project_id, number, period_start, period_end, status, submitted_at"
                        + " FROM report_list " + where,
                (rs, i) -> new Row(rs.getString("report_id"), rs.getString("project_id"), rs.getLong("number"),
                        rs.getString("period_start"), rs.getString("period_end"), rs.getString("status"),
                        rs.getString("submitted_at")), args);
        Map<String, Long> versions = storedEvents.versions(rows.stream().map(Row::reportId).toList());
        // the names looked up so far in this answer (an inbox lists many reports of few projects)
        Map<String, String> projectNames = new HashMap<>();
        return rows.stream().map(row -> new ReportSummary(row.reportId(), row.projectId(),
                        projectNames.computeIfAbsent(row.projectId(), id -> projects.find(id).map(Projects.Project::name).orElse(id)),
                        row.number(), row.periodStart(), row.periodEnd(), row.status(), row.submittedAt(),
                        versions.getOrDefault(row.reportId(), 0L)))
                .toList();
    }
}
