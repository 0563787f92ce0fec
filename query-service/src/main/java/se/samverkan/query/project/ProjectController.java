package se.samverkan.query.project;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.security.Caller;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** GET /api/projects/{p}: the project's overview. (The list of projects is the portfolio, in the dashboard package.) */
@RestController
public class ProjectController {

    public record Overview(String id, String caseId, String name, String programme, LocalDate periodStart, LocalDate periodEnd,
                           Projects.Beneficiary beneficiary, List<Projects.Partner> partners,
                           List<Projects.WorkPackage> workPackages) {
    }

    private final ProjectAccess access;
    private final Projects projects;
    private final Clock clock;

    public ProjectController(ProjectAccess access, Projects projects, Clock clock) {
        this.access = access;
        this.projects = projects;
        this.clock = clock;
    }

    @GetMapping("/api/projects/{projectId}")
    public Overview overview(@PathVariable String projectId, Caller caller) {
        Projects.Project project = access.requireReadable(caller, projectId);
        Projects.Header header = projects.header(project);
        return new Overview(header.id(), header.caseId(), header.name(), header.programme(), header.periodStart(),
                header.periodEnd(), header.beneficiary(), header.partners(),
                projects.workPackages(projectId, LocalDate.now(clock)));
    }
}
