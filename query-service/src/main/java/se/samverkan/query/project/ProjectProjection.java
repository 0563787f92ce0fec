package se.samverkan.query.project;

import se.samverkan.query.platform.replay.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.events.project.PartnerJoined;
import se.samverkan.events.project.ProjectCreated;
import se.samverkan.events.project.WorkPackageCompleted;
import se.samverkan.events.project.WorkPackagePlanned;
import se.samverkan.events.project.WorkPackageReplanned;
import se.samverkan.events.project.WorkPackageStarted;

/**
 * Projects, their partners and work packages (with start, completion and replans). All of these are
 * events of the one project aggregate, so they arrive in order; organisation names are joined at query time.
 */
@Component
@ProcessingGroup("projects")
public class ProjectProjection implements ReadModel {

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;

    public ProjectProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(ProjectCreated event) {
        writes.update("""
                INSERT INTO project (project_id, case_id, name, programme, period_start, period_end, beneficiary_org_number)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id) DO UPDATE SET case_id = EXCLUDED.case_id, name = EXCLUDED.name,
                    programme = EXCLUDED.programme, period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
                    beneficiary_org_number = EXCLUDED.beneficiary_org_number""",
                event.projectId(), event.caseId(), event.name(), event.programme(), event.periodStart(), event.periodEnd(),
                event.beneficiaryOrgNumber().value());
    }

    @EventHandler
    void on(PartnerJoined event, @SequenceNumber long sequenceNumber) {
        writes.update("""
                INSERT INTO project_partner (project_id, org_number, role, sequence_number) VALUES (?, ?, ?, ?)
                ON CONFLICT (project_id, org_number) DO UPDATE SET role = EXCLUDED.role, sequence_number = EXCLUDED.sequence_number""",
                event.projectId(), event.orgNumber().value(), event.role().name(), sequenceNumber);
    }

    @EventHandler
    void on(WorkPackagePlanned event) {
        writes.update("""
                INSERT INTO work_package (project_id, number, name, planned_start, planned_end) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (project_id, number) DO UPDATE SET name = EXCLUDED.name, planned_start = EXCLUDED.planned_start,
                    planned_end = EXCLUDED.planned_end""",
                event.projectId(), event.number(), event.name(), event.plannedStart(), event.plannedEnd());
    }

    @EventHandler
    void on(WorkPackageStarted event) {
        writes.update("UPDATE work_package SET started_on = ? WHERE project_id = ? AND number = ?",
                event.startedOn(), event.projectId(), event.number());
    }

    @EventHandler
    void on(WorkPackageCompleted event) {
        writes.update("UPDATE work_package SET completed_on = ? WHERE project_id = ? AND number = ?",
                event.completedOn(), event.projectId(), event.number());
    }

    @EventHandler
    void on(WorkPackageReplanned event, @SequenceNumber long sequenceNumber) {
        writes.update("UPDATE work_package SET planned_end = ? WHERE project_id = ? AND number = ?",
                event.plannedEnd(), event.projectId(), event.number());
        writes.update("""
                INSERT INTO work_package_replan (project_id, number, sequence_number, previous_planned_end, planned_end, reason)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, number, sequence_number) DO NOTHING""",
                event.projectId(), event.number(), sequenceNumber, event.previousPlannedEnd(), event.plannedEnd(), event.reason());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE work_package_replan, work_package, project_partner, project");
    }
}
