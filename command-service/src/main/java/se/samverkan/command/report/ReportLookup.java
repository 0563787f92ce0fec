package se.samverkan.command.report;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.platform.lookups.LookupRebuild;
import se.samverkan.command.platform.ImmutableRowCache;
import se.samverkan.events.report.ProgressReportDrafted;

import java.util.Optional;

/** {@link ReportDirectory} in PostgreSQL, kept in the transaction of each new report. */
@Component
@ProcessingGroup("report-lookup")
public class ReportLookup implements ReportDirectory {

    private static final RowMapper<KnownReport> KNOWN_REPORT = (rs, i) ->
            new KnownReport(rs.getString("report_id"), rs.getString("project_id"), rs.getInt("number"));

    private final JdbcTemplate jdbc;
    /** A report's row never changes: every answer's scope check reads its project here. */
    private final ImmutableRowCache<String, KnownReport> byId = new ImmutableRowCache<>();

    public ReportLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Before a rebuild from the event store (LookupRebuild). */
    @ResetHandler
    void reset() {
        LookupRebuild.empty(jdbc, "report_lookup");
    }

    /**
     * The aggregate checks the number first; the UNIQUE constraint catches two drafts racing for the same
     * number, and then this refusal rolls the second one back. DO NOTHING keeps the transaction usable so
     * the answer can name the report that won.
     */
    @EventHandler
    void on(ProgressReportDrafted event) {
        int inserted = jdbc.update("INSERT INTO report_lookup (report_id, project_id, number) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.reportId(), event.projectId(), event.number());
        if (inserted == 0) {
            Optional<KnownReport> existing = findByNumber(event.projectId(), event.number());
            if (existing.isPresent() && !existing.get().reportId().equals(event.reportId())) {
                throw new ConflictException("project '" + event.projectId() + "' already has report number "
                        + event.number() + ", with the id '" + existing.get().reportId() + "'; edit that report or use another number");
            }
        }
    }

    @Override
    public Optional<KnownReport> find(String reportId) {
        return byId.find(reportId, this::read);
    }

    private Optional<KnownReport> read(String reportId) {
        return jdbc.query("SELECT report_id, project_id, number FROM report_lookup WHERE report_id = ?", KNOWN_REPORT, reportId)
                .stream().findFirst();
    }

    @Override
    public Optional<KnownReport> findByNumber(String projectId, int number) {
        return jdbc.query("SELECT report_id, project_id, number FROM report_lookup WHERE project_id = ? AND number = ?",
                KNOWN_REPORT, projectId, number).stream().findFirst();
    }
}
