package se.samverkan.query.dashboard;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.query.project.ProjectAccess;
import se.samverkan.platform.security.Caller;

import java.util.List;

/** The JSON behind the portfolio (GET /api/projects) and the project dashboard. */
@RestController
public class DashboardController {

    private final ProjectAccess access;
    private final DashboardQuery dashboards;

    public DashboardController(ProjectAccess access, DashboardQuery dashboards) {
        this.access = access;
        this.dashboards = dashboards;
    }

    @GetMapping("/api/projects")
    public List<DashboardQuery.PortfolioEntry> projects(Caller caller) {
        return dashboards.portfolio(caller);
    }

    @GetMapping("/api/projects/{projectId}/dashboard")
    public DashboardQuery.Dashboard dashboard(@PathVariable String projectId, Caller caller) {
        return dashboards.dashboard(access.requireReadable(caller, projectId));
    }
}
