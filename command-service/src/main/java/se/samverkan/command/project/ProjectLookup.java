package se.samverkan.command.project;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.command.platform.lookups.LookupRebuild;
import se.samverkan.events.project.ProjectCreated;
import se.samverkan.events.project.WorkPackagePlanned;

import java.sql.Date;
import java.util.Optional;
import java.util.Set;

/** {@link ProjectDirectory} in PostgreSQL, kept in the transaction of each project command. */
@Component
@ProcessingGroup("project-lookup")
public class ProjectLookup implements ProjectDirectory {

    private final JdbcTemplate jdbc;

    public ProjectLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Before a rebuild from the event store (LookupRebuild). */
    @ResetHandler
    void reset() {
        LookupRebuild.empty(jdbc, "project_work_package", "project");
    }

    @EventHandler
    void on(ProjectCreated event) {
        jdbc.update("INSERT INTO project (project_id, period_start, period_end) VALUES (?, ?, ?)",
                event.projectId(), Date.valueOf(event.periodStart()), Date.valueOf(event.periodEnd()));
    }

    @EventHandler
    void on(WorkPackagePlanned event) {
        jdbc.update("INSERT INTO project_work_package (project_id, number) VALUES (?, ?)", event.projectId(), event.number());
    }

    @Override
    public Optional<ProjectFacts> find(String projectId) {
        // one statement: every meeting, workshop and pilot checks its project here (work packages are added later,
        // so the facts are read each time, not remembered)
        return jdbc.query("SELECT period_start, period_end, ARRAY(SELECT number FROM project_work_package w"
                                + " WHERE w.project_id = p.project_id) AS work_packages FROM project p WHERE project_id = ?",
                        (rs, i) -> new ProjectFacts(projectId, rs.getDate("period_start").toLocalDate(),
                                rs.getDate("period_end").toLocalDate(), Set.of((Integer[]) rs.getArray("work_packages").getArray())),
                        projectId)
                .stream().findFirst();
    }
}
