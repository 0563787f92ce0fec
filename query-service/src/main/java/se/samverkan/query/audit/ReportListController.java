package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.events.report.ProgressReportDrafted;
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
import java.util.stream.Stream;

/**
 * Which reports there are: a project's reports (for its reports page) and an auditor's inbox of the
 * SUBMITTED reports across its projects, oldest submission first. Each report's current state is its
 * events replayed, as GET /api/reports/{r} answers it, so the list and the report never disagree.
 */
@RestController
public class ReportListController {

    private final AuditTrail trail;
    private final StoredEvents storedEvents;
    private final ProjectAccess access;
    private final Projects projects;

    /** A report as the lists show it; submittedAt is null until it is first submitted. */
    public record ReportSummary(String reportId, String projectId, String projectName, long number, String periodStart,
                                String periodEnd, String status, String submittedAt, long version) {
    }

    public ReportListController(AuditTrail trail, StoredEvents storedEvents, ProjectAccess access, Projects projects) {
        this.trail = trail;
        this.storedEvents = storedEvents;
        this.access = access;
        this.projects = projects;
    }

    @GetMapping("/api/projects/{projectId}/reports")
    public List<ReportSummary> projectReports(@PathVariable String projectId, Caller caller) {
        access.requireReadable(caller, projectId);
        Map<String, String> projectNames = new HashMap<>();
        return storedEvents.aggregatesStartedBy(ProgressReportDrafted.class, projectId).stream()
                .map(reportId -> summary(reportId, projectNames))
                .sorted(Comparator.comparingLong(ReportSummary::number))
                .toList();
    }

    @GetMapping("/api/reviews")
    public List<ReportSummary> reviews(Caller caller) {
        caller.requireRole(Role.AUDITOR);
        Stream<String> ids = caller.seesAllProjects()
                ? storedEvents.aggregatesStartedBy(ProgressReportDrafted.class, null).stream()
                : caller.projects().stream().sorted().flatMap(p -> storedEvents.aggregatesStartedBy(ProgressReportDrafted.class, p).stream());
        Map<String, String> projectNames = new HashMap<>();
        return ids.map(reportId -> summary(reportId, projectNames))
                .filter(report -> ReportStatus.SUBMITTED.name().equals(report.status()))
                // as instants: the texts of instants with and without fractions of a second do not sort by time
                .sorted(Comparator.comparing(report -> Instant.parse(report.submittedAt())))
                .toList();
    }

    /** projectNames: the names looked up so far in this answer (an inbox lists many reports of few projects). */
    private ReportSummary summary(String reportId, Map<String, String> projectNames) {
        AuditTrail.Replay replay = trail.replay("report", reportId);
        JsonNode state = replay.at(replay.latestVersion()).state();
        String projectId = state.path("projectId").asText();
        JsonNode submittedAt = state.path(ReportFold.LIFECYCLE).path("submittedAt");
        return new ReportSummary(reportId, projectId,
                projectNames.computeIfAbsent(projectId, id -> projects.find(id).map(Projects.Project::name).orElse(id)),
                state.path("number").asLong(), state.path("periodStart").asText(), state.path("periodEnd").asText(),
                state.path("status").asText(), submittedAt.isMissingNode() ? null : submittedAt.asText(),
                replay.latestVersion());
    }
}
