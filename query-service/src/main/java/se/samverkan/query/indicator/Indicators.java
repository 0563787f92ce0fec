package se.samverkan.query.indicator;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.project.CountingRule;
import se.samverkan.events.project.IndicatorCounting;
import se.samverkan.query.organisation.OrganisationRef;
import se.samverkan.query.organisation.Organisations;
import se.samverkan.query.platform.ClockConfiguration;
import se.samverkan.query.project.Projects;

import java.math.BigDecimal;
import java.sql.Array;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Each indicator's outcome against its target: MANUAL ones from the recorded outcomes per year, the
 * derived ones counted from the engagements; every counted organisation with the events behind it. The counting
 * itself is {@link IndicatorCounting}'s, the same as the snapshot a submission freezes.
 */
@Component
public class Indicators {

    public static final String OUTCOME_RECORDED = "IndicatorOutcomeRecorded";

    public record Evidence(long eventIndex, String eventType, String aggregateId, LocalDate date) {
    }

    public record CountedOrganisation(String orgNumber, String name, String category, int year, List<Evidence> evidence) {
    }

    public record Indicator(String code, String name, String unit, BigDecimal target, String countingRule, BigDecimal total,
                            SortedMap<String, BigDecimal> byYear, BigDecimal expectedByNow, boolean behind,
                            List<CountedOrganisation> organisations) {
    }

    public record EngagedOrganisation(String orgNumber, String name, String category, LocalDate firstEngagedOn) {
    }

    /** An engagement with the event that records it, its evidence. */
    private record EngagementRow(String orgNumber, LocalDate engagedOn, long eventIndex, String eventType, String aggregateId)
            implements IndicatorCounting.Engagement {
    }

    private record Definition(String code, String name, String unit, BigDecimal target, CountingRule countingRule) {
    }

    private record Outcome(String code, int year, BigDecimal value, List<String> organisations, long eventIndex,
                           LocalDate recordedOn) {
    }

    private final JdbcTemplate jdbc;
    private final Organisations organisations;

    public Indicators(JdbcTemplate jdbc, Organisations organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    /** The project's indicators in the order they were defined, as of {@code today}. */
    public List<Indicator> progress(Projects.Project project, LocalDate today) {
        String projectId = project.id();
        List<Definition> definitions = jdbc.query(
                "SELECT code, name, unit, target, counting_rule FROM indicator WHERE project_id = ? ORDER BY sequence_number",
                (rs, i) -> new Definition(rs.getString("code"), rs.getString("name"), rs.getString("unit"),
                        rs.getBigDecimal("target"), CountingRule.valueOf(rs.getString("counting_rule"))), projectId);
        if (definitions.isEmpty()) {
            return List.of();
        }
        List<Outcome> outcomes = jdbc.query(
                "SELECT * FROM indicator_outcome WHERE project_id = ? ORDER BY code, year",
                (rs, i) -> {
                    Array listed = rs.getArray("organisations");
                    return new Outcome(rs.getString("code"), rs.getInt("year"), rs.getBigDecimal("value"),
                            listed == null ? List.of() : Arrays.asList((String[]) listed.getArray()), rs.getLong("event_index"),
                            rs.getTimestamp("recorded_at").toInstant().atZone(ClockConfiguration.PROJECT_ZONE).toLocalDate());
                }, projectId);
        boolean anyDerived = definitions.stream().anyMatch(d -> d.countingRule() != CountingRule.MANUAL);
        List<EngagementRow> engagements = anyDerived ? engagements(projectId) : List.of();

        Set<String> named = new HashSet<>();
        outcomes.forEach(outcome -> named.addAll(outcome.organisations()));
        engagements.forEach(e -> named.add(e.orgNumber()));
        Map<String, OrganisationRef> known = organisations.byNumbers(named);

        List<Indicator> indicators = new ArrayList<>();
        for (Definition definition : definitions) {
            Map<Integer, BigDecimal> manual = new TreeMap<>();
            List<CountedOrganisation> counted = new ArrayList<>();
            if (definition.countingRule() == CountingRule.MANUAL) {
                for (Outcome outcome : outcomes) {
                    if (!outcome.code().equals(definition.code())) {
                        continue;
                    }
                    manual.put(outcome.year(), outcome.value());
                    Evidence evidence = new Evidence(outcome.eventIndex(), OUTCOME_RECORDED, projectId, outcome.recordedOn());
                    for (String orgNumber : outcome.organisations()) {
                        OrganisationRef organisation = known.get(orgNumber);
                        counted.add(new CountedOrganisation(orgNumber, organisation.name(), organisation.category(),
                                outcome.year(), List.of(evidence)));
                    }
                }
            }
            IndicatorCounting.Outcome<EngagementRow> outcome = IndicatorCounting.count(definition.countingRule(), manual,
                    engagements, orgNumber -> categoryOf(known.get(orgNumber)));
            for (IndicatorCounting.Counted<EngagementRow> engaged : outcome.organisations()) {
                OrganisationRef organisation = known.get(engaged.orgNumber());
                counted.add(new CountedOrganisation(organisation.orgNumber(), organisation.name(), organisation.category(),
                        engaged.year(), engaged.engagements().stream()
                        .map(e -> new Evidence(e.eventIndex(), e.eventType(), e.aggregateId(), e.engagedOn())).toList()));
            }
            SortedMap<String, BigDecimal> byYear = new TreeMap<>();
            outcome.byYear().forEach((year, value) -> byYear.put(String.valueOf(year), plain(value)));
            BigDecimal total = plain(outcome.total());
            BigDecimal expected = LinearPath.expectedByNow(definition.target(), project.periodStart(), project.periodEnd(), today);
            indicators.add(new Indicator(definition.code(), definition.name(), definition.unit(), plain(definition.target()),
                    definition.countingRule().name(), total, byYear, expected, LinearPath.behind(total, expected), counted));
        }
        return indicators;
    }

    /** Every organisation that took part in the project's held activities or pilot working groups. */
    public List<EngagedOrganisation> engagedOrganisations(String projectId) {
        List<IndicatorCounting.Counted<EngagementRow>> engaged = IndicatorCounting.firstEngagements(engagements(projectId));
        Map<String, OrganisationRef> known = organisations.byNumbers(engaged.stream().map(IndicatorCounting.Counted::orgNumber).toList());
        return engaged.stream().map(e -> {
            OrganisationRef organisation = known.get(e.orgNumber());
            return new EngagedOrganisation(e.orgNumber(), organisation.name(), organisation.category(), e.firstEngagedOn());
        }).toList();
    }

    /** In event order, so that the engagements of one day stay in the order they happened. */
    private List<EngagementRow> engagements(String projectId) {
        return jdbc.query("SELECT * FROM engagement WHERE project_id = ? ORDER BY event_index, org_number",
                (rs, i) -> new EngagementRow(rs.getString("org_number"), Projects.localDate(rs, "engaged_on"),
                        rs.getLong("event_index"), rs.getString("event_type"), rs.getString("aggregate_id")), projectId);
    }

    /** An organisation whose registration is not yet projected has no category yet (IndicatorCounting: not counted). */
    private static OrganisationCategory categoryOf(OrganisationRef organisation) {
        return organisation == null || organisation.category() == null ? null : OrganisationCategory.valueOf(organisation.category());
    }

    /** 13 rather than 13.00 or 1.3E+1. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
