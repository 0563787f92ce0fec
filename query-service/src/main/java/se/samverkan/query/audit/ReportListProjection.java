package se.samverkan.query.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.report.ProgressReportDrafted;
import se.samverkan.events.report.ReportApproved;
import se.samverkan.events.report.ReportReturned;
import se.samverkan.events.report.ReportStatus;
import se.samverkan.events.report.ReportSubmitted;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.query.platform.replay.ReadModel;

/**
 * Which reports there are and where each stands, for the reports lists: a report's status and latest submission as
 * {@link ReportFold} shows them, changed only by its lifecycle events (answers do not touch it).
 */
@Component
@ProcessingGroup("report-list")
public class ReportListProjection implements ReadModel {

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;

    public ReportListProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(ProgressReportDrafted event) {
        // a repeated delivery leaves the status alone: the report's later events are delivered after it again
        writes.update("""
                INSERT INTO report_list (report_id, project_id, number, period_start, period_end, status)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (report_id) DO UPDATE SET project_id = EXCLUDED.project_id, number = EXCLUDED.number,
                    period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end""",
                event.reportId(), event.projectId(), event.number(), event.periodStart(), event.periodEnd(),
                ReportStatus.DRAFT.name());
    }

    @EventHandler
    void on(ReportSubmitted event) {
        writes.update("UPDATE report_list SET status = ?, submitted_at = ? WHERE report_id = ?",
                ReportStatus.SUBMITTED.name(), event.submittedAt().toString(), event.reportId());
    }

    @EventHandler
    void on(ReportReturned event) {
        writes.update("UPDATE report_list SET status = ? WHERE report_id = ?", ReportStatus.RETURNED.name(), event.reportId());
    }

    @EventHandler
    void on(ReportApproved event) {
        writes.update("UPDATE report_list SET status = ? WHERE report_id = ?", ReportStatus.APPROVED.name(), event.reportId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE report_list");
    }
}
