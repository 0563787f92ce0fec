package se.samverkan.query.project;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.project.WorkPackageStatus;
import se.samverkan.query.organisation.OrganisationRef;
import se.samverkan.query.organisation.Organisations;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the project, partner and work-package read models. */
@Component
public class Projects {

    public record Project(String id, String caseId, String name, String programme, LocalDate periodStart,
                          LocalDate periodEnd, String beneficiaryOrgNumber) {
    }

    public record Beneficiary(String orgNumber, String name) {
    }

    public record Partner(String orgNumber, String name, String role) {
    }

    /** The project as the dashboard's header shows it. */
    public record Header(String id, String caseId, String name, String programme, LocalDate periodStart, LocalDate periodEnd,
                         Beneficiary beneficiary, List<Partner> partners) {
    }

    public record Replan(LocalDate previousPlannedEnd, LocalDate plannedEnd, String reason) {
    }

    public record WorkPackage(int number, String name, LocalDate plannedStart, LocalDate plannedEnd, WorkPackageStatus lifecycle,
                              WorkPackageSchedule.Status status, LocalDate startedOn, LocalDate completedOn, long delayDays,
                              List<Replan> replans) {
        public boolean delayed() {
            return status == WorkPackageSchedule.Status.DELAYED;
        }
    }

    private final JdbcTemplate jdbc;
    private final Organisations organisations;

    public Projects(JdbcTemplate jdbc, Organisations organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    public Optional<Project> find(String projectId) {
        return jdbc.query("SELECT * FROM project WHERE project_id = ?", Projects::project, projectId).stream().findFirst();
    }

    public List<Project> all() {
        return jdbc.query("SELECT * FROM project ORDER BY name, project_id", Projects::project);
    }

    private static Project project(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getString("project_id"), rs.getString("case_id"), rs.getString("name"), rs.getString("programme"),
                localDate(rs, "period_start"), localDate(rs, "period_end"), rs.getString("beneficiary_org_number"));
    }

    public Header header(Project project) {
        OrganisationRef beneficiary = organisations.byNumber(project.beneficiaryOrgNumber());
        return new Header(project.id(), project.caseId(), project.name(), project.programme(), project.periodStart(),
                project.periodEnd(), new Beneficiary(beneficiary.orgNumber(), beneficiary.name()), partners(project.id()));
    }

    public List<Partner> partners(String projectId) {
        List<String[]> rows = jdbc.query(
                "SELECT org_number, role FROM project_partner WHERE project_id = ? ORDER BY sequence_number",
                (rs, i) -> new String[]{rs.getString("org_number"), rs.getString("role")}, projectId);
        Map<String, OrganisationRef> names = organisations.byNumbers(rows.stream().map(row -> row[0]).toList());
        return rows.stream().map(row -> new Partner(row[0], names.get(row[0]).name(), row[1])).toList();
    }

    /** The work packages with their status and delay as of {@code today}. */
    public List<WorkPackage> workPackages(String projectId, LocalDate today) {
        Map<Integer, List<Replan>> replans = new LinkedHashMap<>();
        jdbc.query("""
                SELECT number, previous_planned_end, planned_end, reason FROM work_package_replan
                WHERE project_id = ? ORDER BY number, sequence_number""",
                rs -> {
                    replans.computeIfAbsent(rs.getInt("number"), n -> new ArrayList<>()).add(new Replan(
                            localDate(rs, "previous_planned_end"), localDate(rs, "planned_end"), rs.getString("reason")));
                }, projectId);
        return jdbc.query("SELECT * FROM work_package WHERE project_id = ? ORDER BY number", (rs, i) -> {
            int number = rs.getInt("number");
            LocalDate plannedEnd = localDate(rs, "planned_end");
            LocalDate startedOn = localDate(rs, "started_on");
            LocalDate completedOn = localDate(rs, "completed_on");
            WorkPackageSchedule schedule = WorkPackageSchedule.of(plannedEnd, startedOn, completedOn, today);
            return new WorkPackage(number, rs.getString("name"), localDate(rs, "planned_start"), plannedEnd,
                    schedule.lifecycle(), schedule.status(), startedOn, completedOn, schedule.delayDays(),
                    replans.getOrDefault(number, List.of()));
        }, projectId);
    }

    public static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
