package se.samverkan.query.indicator;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.project.CountingRule;
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
 * derived ones counted from the engagements; every counted organisation with the events behind it.
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
        List<FirstEngagements.Engaged> engaged = anyDerived ? FirstEngagements.of(engagements(projectId)) : List.of();

        Set<String> named = new HashSet<>();
        outcomes.forEach(outcome -> named.addAll(outcome.organisations()));
        engaged.forEach(e -> named.add(e.orgNumber()));
        Map<String, OrganisationRef> known = organisations.byNumbers(named);

        List<Indicator> indicators = new ArrayList<>();
        for (Definition definition : definitions) {
            SortedMap<String, BigDecimal> byYear = new TreeMap<>();
            List<CountedOrganisation> counted = new ArrayList<>();
            if (definition.countingRule() == CountingRule.MANUAL) {
                for (Outcome outcome : outcomes) {
                    if (!outcome.code().equals(definition.code())) {
                        continue;
                    }
                    byYear.put(String.valueOf(outcome.year()), plain(outcome.value()));
                    Evidence evidence = new Evidence(outcome.eventIndex(), OUTCOME_RECORDED, projectId, outcome.recordedOn());
                    for (String orgNumber : outcome.organisations()) {
                        OrganisationRef organisation = known.get(orgNumber);
                        counted.add(new CountedOrganisation(orgNumber, organisation.name(), organisation.category(),
                                outcome.year(), List.of(evidence)));
                    }
                }
            } else {
                boolean institutionalOnly = definition.countingRule() == CountingRule.INSTITUTIONAL_ORGANISATIONS_ENGAGED;
                for (FirstEngagements.Engaged organisationEngaged : engaged) {
                    OrganisationRef organisation = known.get(organisationEngaged.orgNumber());
                    if (institutionalOnly && !isInstitutional(organisation)) {
                        continue;
                    }
                    byYear.merge(String.valueOf(organisationEngaged.year()), BigDecimal.ONE, BigDecimal::add);
                    counted.add(new CountedOrganisation(organisation.orgNumber(), organisation.name(), organisation.category(),
                            organisationEngaged.year(), organisationEngaged.engagements().stream()
                            .map(e -> new Evidence(e.eventIndex(), e.eventType(), e.aggregateId(), e.engagedOn())).toList()));
                }
            }
            BigDecimal total = plain(byYear.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            BigDecimal expected = LinearPath.expectedByNow(definition.target(), project.periodStart(), project.periodEnd(), today);
            indicators.add(new Indicator(definition.code(), definition.name(), definition.unit(), plain(definition.target()),
                    definition.countingRule().name(), total, byYear, expected, LinearPath.behind(total, expected), counted));
        }
        return indicators;
    }

    /** Every organisation that took part in the project's held activities or pilot working groups. */
    public List<EngagedOrganisation> engagedOrganisations(String projectId) {
        List<FirstEngagements.Engaged> engaged = FirstEngagements.of(engagements(projectId));
        Map<String, OrganisationRef> known = organisations.byNumbers(engaged.stream().map(FirstEngagements.Engaged::orgNumber).toList());
        return engaged.stream().map(e -> {
            OrganisationRef organisation = known.get(e.orgNumber());
            return new EngagedOrganisation(e.orgNumber(), organisation.name(), organisation.category(), e.firstEngagedOn());
        }).toList();
    }

    private List<FirstEngagements.Engagement> engagements(String projectId) {
        return jdbc.query("SELECT * FROM engagement WHERE project_id = ?",
                (rs, i) -> new FirstEngagements.Engagement(rs.getString("org_number"), Projects.localDate(rs, "engaged_on"),
                        rs.getLong("event_index"), rs.getString("event_type"), rs.getString("aggregate_id")), projectId);
    }

    private static boolean isInstitutional(OrganisationRef organisation) {
        // an organisation whose registration is not yet projected has no category yet: not counted until it has
        return organisation.category() != null && OrganisationCategory.valueOf(organisation.category()).isInstitutional();
    }

    /** 13 rather than 13.00 or 1.3E+1. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
