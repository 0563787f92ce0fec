package se.samverkan.query.indicator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The derived counting rule: each organisation counts once, in the year of its first engagement, and
 * keeps every engagement as evidence of why it counts.
 */
public final class FirstEngagements {

    public record Engagement(String orgNumber, LocalDate engagedOn, long eventIndex, String eventType, String aggregateId) {
    }

    public record Engaged(String orgNumber, LocalDate firstEngagedOn, List<Engagement> engagements) {
        public int year() {
            return firstEngagedOn.getYear();
        }
    }

    private static final Comparator<Engagement> CHRONOLOGICAL =
            Comparator.comparing(Engagement::engagedOn).thenComparingLong(Engagement::eventIndex);

    private FirstEngagements() {
    }

    /** One entry per organisation, earliest first engaged first (then by number). */
    public static List<Engaged> of(List<Engagement> engagements) {
        Map<String, List<Engagement>> byOrganisation = new LinkedHashMap<>();
        for (Engagement engagement : engagements) {
            byOrganisation.computeIfAbsent(engagement.orgNumber(), n -> new ArrayList<>()).add(engagement);
        }
        List<Engaged> engaged = new ArrayList<>();
        byOrganisation.forEach((orgNumber, own) -> {
            List<Engagement> sorted = own.stream().sorted(CHRONOLOGICAL).toList();
            engaged.add(new Engaged(orgNumber, sorted.get(0).engagedOn(), sorted));
        });
        engaged.sort(Comparator.comparing(Engaged::firstEngagedOn).thenComparing(Engaged::orgNumber));
        return engaged;
    }
}
