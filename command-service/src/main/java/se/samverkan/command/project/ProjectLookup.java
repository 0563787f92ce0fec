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
import java.time.LocalDate;
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
        return jdbc.query("SELECT period_start, period_end FROM project WHERE project_id = ?",
                        (rs, i) -> new LocalDate[] {rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate()},
                        projectId)
                .stream().findFirst()
                .map(period -> new ProjectFacts(projectId, period[0], period[1], Set.copyOf(jdbc.queryForList(
                        "SELECT number FROM project_work_package WHERE project_id = ?", Integer.class, projectId))));
    }
}
