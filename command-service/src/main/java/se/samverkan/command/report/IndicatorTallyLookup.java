package se.samverkan.command.report;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.command.platform.lookups.LookupRebuild;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.WorkshopHeld;
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.project.CountingRule;
import se.samverkan.events.project.IndicatorCounting;
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.events.project.IndicatorOutcomeRecorded;
import se.samverkan.events.report.IndicatorOutcomeSnapshot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link IndicatorTally} in PostgreSQL: the indicators, their MANUAL outcomes and the organisations
 * engaged by activities and pilots, kept in the transaction of each event. What an event records or
 * removes, and how the facts are counted, is {@link IndicatorCounting}'s, shared with the query service's
 * dashboard and /indicators, so a frozen snapshot says what they said at that moment.
 */
@Component
@ProcessingGroup("report-lookup")
public class IndicatorTallyLookup implements IndicatorTally {

    private record Indicator(String code, String name, String unit, BigDecimal target, CountingRule countingRule) {
    }

    private record Engagement(String orgNumber, LocalDate engagedOn) implements IndicatorCounting.Engagement {
    }

    private final JdbcTemplate jdbc;

    public IndicatorTallyLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Before a rebuild from the event store (LookupRebuild). */
    @ResetHandler
    void reset() {
        LookupRebuild.empty(jdbc, "report_engagement", "report_indicator_outcome", "report_indicator");
    }

    @EventHandler
    void on(IndicatorDefined event) {
        jdbc.update("""
                        INSERT INTO report_indicator (project_id, code, name, unit, target, counting_rule) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (project_id, code) DO UPDATE
                        SET name = excluded.name, unit = excluded.unit, target = excluded.target, counting_rule = excluded.counting_rule""",
                event.projectId(), event.code(), event.name(), event.unit(), event.target(), event.countingRule().name());
    }

    /** A year's outcome replaces the earlier one. */
    @EventHandler
    void on(IndicatorOutcomeRecorded event) {
        jdbc.update("""
                        INSERT INTO report_indicator_outcome (project_id, code, year, value) VALUES (?, ?, ?, ?)
                        ON CONFLICT (project_id, code, year) DO UPDATE SET value = excluded.value""",
                event.projectId(), event.code(), event.year(), IndicatorCounting.manualValue(event));
    }

    @EventHandler
    void on(MeetingHeld event) {
        engage(IndicatorCounting.recorded(event));
    }

    @EventHandler
    void on(WorkshopHeld event) {
        engage(IndicatorCounting.recorded(event));
    }

    @EventHandler
    void on(PilotIncluded event) {
        engage(IndicatorCounting.recorded(event));
    }

    @EventHandler
    void on(ActivityCancelled event) {
        // source_id alone names the source's rows: an aggregate id is unique in the event store, whatever its type
        IndicatorCounting.Removed removed = IndicatorCounting.removed(event);
        jdbc.update("DELETE FROM report_engagement WHERE source_id = ?", removed.sourceId());
    }

    private void engage(IndicatorCounting.Recorded recorded) {
        for (OrgNumber organisation : recorded.organisations()) {
            jdbc.update("""
                            INSERT INTO report_engagement (source_id, project_id, org_number, engaged_on) VALUES (?, ?, ?, ?)
                            ON CONFLICT (source_id, org_number) DO NOTHING""",
                    recorded.sourceId(), recorded.projectId(), organisation.value(), recorded.engagedOn());
        }
    }

    @Override
    public List<IndicatorOutcomeSnapshot> snapshot(String projectId) {
        List<Indicator> indicators = jdbc.query(
                "SELECT code, name, unit, target, counting_rule FROM report_indicator WHERE project_id = ? ORDER BY defined_order",
                (rs, i) -> new Indicator(rs.getString("code"), rs.getString("name"), rs.getString("unit"),
                        rs.getBigDecimal("target"), CountingRule.valueOf(rs.getString("counting_rule"))),
                projectId);
        if (indicators.isEmpty()) {
            return List.of();
        }
        Map<String, Map<Integer, BigDecimal>> manual = new HashMap<>();
        jdbc.query("SELECT code, year, value FROM report_indicator_outcome WHERE project_id = ?", rs -> {
            manual.computeIfAbsent(rs.getString("code"), code -> new HashMap<>()).put(rs.getInt("year"), rs.getBigDecimal("value"));
        }, projectId);
        List<Engagement> engagements = jdbc.query("SELECT org_number, engaged_on FROM report_engagement WHERE project_id = ?",
                (rs, i) -> new Engagement(rs.getString("org_number"), rs.getObject("engaged_on", LocalDate.class)), projectId);
        Map<String, OrganisationCategory> categories = new HashMap<>();
        jdbc.query("SELECT org_number, category FROM organisation WHERE org_number IN"
                        + " (SELECT org_number FROM report_engagement WHERE project_id = ?)",
                rs -> {
                    categories.put(rs.getString("org_number"), OrganisationCategory.valueOf(rs.getString("category")));
                }, projectId);
        return indicators.stream().map(indicator -> {
            IndicatorCounting.Outcome<Engagement> outcome = IndicatorCounting.count(indicator.countingRule(),
                    manual.getOrDefault(indicator.code(), Map.of()), engagements, categories::get);
            return new IndicatorOutcomeSnapshot(indicator.code(), indicator.name(), indicator.unit(), indicator.target(),
                    indicator.countingRule(), outcome.total(), outcome.byYear());
        }).toList();
    }
}
