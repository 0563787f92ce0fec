package se.samverkan.events.project;

import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.WorkshopHeld;
import se.samverkan.events.pilot.PilotIncluded;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The counting rules of indicators ({@link CountingRule}), the one implementation behind both the snapshot a
 * submission freezes (command service) and the dashboard and {@code /indicators} (query service). Each service keeps
 * the facts in its own tables, in the transaction of each event; this class says which facts an event records or
 * removes, and counts them.
 *
 * <p>Derived rules: an organisation counts once, in the year of its first engagement, where an engagement is taking
 * part in a held meeting or workshop of the project or being in a pilot's working group at its inclusion. A cancelled
 * activity's engagements no longer count; a pilot's never go by a cancellation. A concluded or withdrawn pilot's
 * working group still engaged.
 * INSTITUTIONAL_ORGANISATIONS_ENGAGED counts only the institutional categories; an organisation whose category is not
 * known (yet) is not counted by it. MANUAL: the recorded value per year, a later outcome replacing the year's earlier.
 */
public final class IndicatorCounting {

    /** What engages organisations, with the simple names of the events that record it. */
    public enum Source {
        ACTIVITY(MeetingHeld.class, WorkshopHeld.class),
        PILOT(PilotIncluded.class);

        private final List<String> eventTypes;

        Source(Class<?>... eventTypes) {
            this.eventTypes = Arrays.stream(eventTypes).map(Class::getSimpleName).toList();
        }

        public List<String> eventTypes() {
            return eventTypes;
        }
    }

    /** What one event engages: these organisations, by this activity or pilot, on this day. */
    public record Recorded(Source source, String sourceId, String projectId, LocalDate engagedOn, List<OrgNumber> organisations) {

        public Recorded {
            organisations = organisations == null ? List.of() : List.copyOf(organisations);
        }
    }

    /** The engagements a cancellation removes: all of this source's. */
    public record Removed(Source source, String sourceId) {
    }

    /** What is counted of an engagement; a service may keep more with it (the evidence it shows). */
    public interface Engagement {

        String orgNumber();

        LocalDate engagedOn();
    }

    /** An organisation that counts, in the year of its first engagement, with every engagement behind it, earliest first. */
    public record Counted<E extends Engagement>(String orgNumber, LocalDate firstEngagedOn, List<E> engagements) {

        public int year() {
            return firstEngagedOn.getYear();
        }
    }

    /** An indicator's outcome: per year and in total, and for a derived rule the organisations it counts. */
    public record Outcome<E extends Engagement>(SortedMap<Integer, BigDecimal> byYear, BigDecimal total,
                                                List<Counted<E>> organisations) {
    }

    private IndicatorCounting() {
    }

    public static Recorded recorded(MeetingHeld event) {
        return new Recorded(Source.ACTIVITY, event.activityId(), event.projectId(), event.date(), event.organisations());
    }

    public static Recorded recorded(WorkshopHeld event) {
        return new Recorded(Source.ACTIVITY, event.activityId(), event.projectId(), event.date(), event.organisations());
    }

    public static Recorded recorded(PilotIncluded event) {
        return new Recorded(Source.PILOT, event.pilotId(), event.projectId(), event.includedOn(), event.workingGroup());
    }

    public static Removed removed(ActivityCancelled event) {
        return new Removed(Source.ACTIVITY, event.activityId());
    }

    /** A MANUAL outcome's value for its year: the value, or for an outcome given as organisations, their number. */
    public static BigDecimal manualValue(IndicatorOutcomeRecorded event) {
        if (event.value() != null) {
            return event.value();
        }
        return BigDecimal.valueOf(event.organisations() == null ? 0 : event.organisations().size());
    }

    /**
     * Each organisation once, with its engagements by date (engagements of one day keep the order given), earliest
     * first engaged first, then by number.
     */
    public static <E extends Engagement> List<Counted<E>> firstEngagements(Collection<E> engagements) {
        Map<String, List<E>> byOrganisation = new LinkedHashMap<>();
        for (E engagement : engagements) {
            byOrganisation.computeIfAbsent(engagement.orgNumber(), n -> new ArrayList<>()).add(engagement);
        }
        List<Counted<E>> counted = new ArrayList<>();
        byOrganisation.forEach((orgNumber, own) -> {
            List<E> sorted = own.stream().sorted(Comparator.comparing(Engagement::engagedOn)).toList();
            counted.add(new Counted<>(orgNumber, sorted.get(0).engagedOn(), sorted));
        });
        counted.sort(Comparator.<Counted<E>, LocalDate>comparing(Counted::firstEngagedOn).thenComparing(Counted::orgNumber));
        return counted;
    }

    /**
     * One indicator's outcome by its rule: from the MANUAL outcomes per year, or from the project's engagements, whose
     * organisations' categories {@code categoryOf} tells (null when not known).
     */
    public static <E extends Engagement> Outcome<E> count(CountingRule rule, Map<Integer, BigDecimal> manualByYear,
                                                          Collection<E> engagements,
                                                          Function<String, OrganisationCategory> categoryOf) {
        SortedMap<Integer, BigDecimal> byYear = new TreeMap<>();
        List<Counted<E>> counted = new ArrayList<>();
        if (rule == CountingRule.MANUAL) {
            byYear.putAll(manualByYear);
        } else {
            for (Counted<E> organisation : firstEngagements(engagements)) {
                boolean institutionalOnly = rule == CountingRule.INSTITUTIONAL_ORGANISATIONS_ENGAGED;
                if (institutionalOnly && !isInstitutional(categoryOf.apply(organisation.orgNumber()))) {
                    continue;
                }
                byYear.merge(organisation.year(), BigDecimal.ONE, BigDecimal::add);
                counted.add(organisation);
            }
        }
        BigDecimal total = byYear.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Outcome<>(byYear, total, List.copyOf(counted));
    }

    private static boolean isInstitutional(OrganisationCategory category) {
        return category != null && category.isInstitutional();
    }
}
