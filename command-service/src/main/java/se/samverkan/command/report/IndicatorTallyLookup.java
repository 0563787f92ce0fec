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
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.events.project.IndicatorOutcomeRecorded;
import se.samverkan.events.report.IndicatorOutcomeSnapshot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link IndicatorTally} in PostgreSQL: the indicators, their MANUAL outcomes and the organisations
 * engaged by activities and pilots, kept in the transaction of each event. The derived counting rules
 * count an organisation once, in the year of its first engagement that is not cancelled.
 */
@Component
@ProcessingGroup("report-lookup")
public class IndicatorTallyLookup implements IndicatorTally {

    private record Indicator(String code, String name, String unit, BigDecimal target, CountingRule countingRule) {
    }

    /** The institutional categories as an SQL list; enum names, so safe to inline. */
    private static final String INSTITUTIONAL_CATEGORIES = Arrays.stream(OrganisationCategory.values())
            .filter(OrganisationCategory::isInstitutional).map(category -> "'" + category.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    private static final String FIRST_ENGAGEMENTS = """
            SELECT EXTRACT(YEAR FROM first_engaged)::int AS year, count(*) AS organisations
            FROM (SELECT e.org_number, min(e.engaged_on) AS first_engaged
                  FROM report_engagement e
                  WHERE e.project_id = ? %s
                  GROUP BY e.org_number) first
            GROUP BY year""";

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

    /** A year's outcome replaces the earlier one; an outcome given as organisations counts them. */
    @EventHandler
    void on(IndicatorOutcomeRecorded event) {
        BigDecimal value = event.value() != null ? event.value()
                : BigDecimal.valueOf(event.organisations() == null ? 0 : event.organisations().size());
        jdbc.update("""
                        INSERT INTO report_indicator_outcome (project_id, code, year, value) VALUES (?, ?, ?, ?)
                        ON CONFLICT (project_id, code, year) DO UPDATE SET value = excluded.value""",
                event.projectId(), event.code(), event.year(), value);
    }

    @EventHandler
    void on(MeetingHeld event) {
        engage(event.activityId(), event.projectId(), event.organisations(), event.date());
    }

    @EventHandler
    void on(WorkshopHeld event) {
        engage(event.activityId(), event.projectId(), event.organisations(), event.date());
    }

    @EventHandler
    void on(PilotIncluded event) {
        engage(event.pilotId(), event.projectId(), event.workingGroup(), event.includedOn());
    }

    @EventHandler
    void on(ActivityCancelled event) {
        jdbc.update("DELETE FROM report_engagement WHERE source_id = ?", event.activityId());
    }

    private void engage(String sourceId, String projectId, List<OrgNumber> organisations, LocalDate on) {
        if (organisations == null) {
            return;
        }
        for (OrgNumber organisation : organisations) {
            jdbc.update("""
                            INSERT INTO report_engagement (source_id, project_id, org_number, engaged_on) VALUES (?, ?, ?, ?)
                            ON CONFLICT (source_id, org_number) DO NOTHING""",
                    sourceId, projectId, organisation.value(), on);
        }
    }

    @Override
    public List<IndicatorOutcomeSnapshot> snapshot(String projectId) {
        List<Indicator> indicators = jdbc.query(
                "SELECT code, name, unit, target, counting_rule FROM report_indicator WHERE project_id = ? ORDER BY defined_order",
                (rs, i) -> new Indicator(rs.getString("code"), rs.getString("name"), rs.getString("unit"),
                        rs.getBigDecimal("target"), CountingRule.valueOf(rs.getString("counting_rule"))),
                projectId);
        return indicators.stream().map(indicator -> {
            SortedMap<Integer, BigDecimal> byYear = byYear(projectId, indicator);
            BigDecimal total = byYear.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            return new IndicatorOutcomeSnapshot(indicator.code(), indicator.name(), indicator.unit(), indicator.target(),
                    indicator.countingRule(), total, byYear);
        }).toList();
    }

    private SortedMap<Integer, BigDecimal> byYear(String projectId, Indicator indicator) {
        SortedMap<Integer, BigDecimal> byYear = new TreeMap<>();
        switch (indicator.countingRule()) {
            case MANUAL -> jdbc.query("SELECT year, value FROM report_indicator_outcome WHERE project_id = ? AND code = ?",
                    rs -> {
                        byYear.put(rs.getInt("year"), rs.getBigDecimal("value"));
                    }, projectId, indicator.code());
            case ORGANISATIONS_ENGAGED -> jdbc.query(FIRST_ENGAGEMENTS.formatted(""),
                    rs -> {
                        byYear.put(rs.getInt("year"), BigDecimal.valueOf(rs.getLong("organisations")));
                    }, projectId);
            case INSTITUTIONAL_ORGANISATIONS_ENGAGED -> jdbc.query(FIRST_ENGAGEMENTS.formatted(
                            "AND e.org_number IN (SELECT org_number FROM organisation WHERE category IN " + INSTITUTIONAL_CATEGORIES + ")"),
                    rs -> {
                        byYear.put(rs.getInt("year"), BigDecimal.valueOf(rs.getLong("organisations")));
                    }, projectId);
        }
        return byYear;
    }
}
