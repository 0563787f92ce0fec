package se.samverkan.query.indicator;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FirstEngagementsTest {

    private static FirstEngagements.Engagement engagement(String orgNumber, String date, long eventIndex) {
        return new FirstEngagements.Engagement(orgNumber, LocalDate.parse(date), eventIndex, "MeetingHeld", "m" + eventIndex);
    }

    @Test
    void eachOrganisationCountsOnceInTheYearOfItsFirstEngagementWithEveryEngagementAsEvidence() {
        // delivered out of date order, as events of different activities may be
        List<FirstEngagements.Engaged> engaged = FirstEngagements.of(List.of(
                engagement("556036-0793", "2024-03-01", 30),
                engagement("202100-5489", "2024-01-15", 20),
                engagement("556036-0793", "2023-11-20", 40),
                engagement("202100-5489", "2024-01-15", 10)));

        assertThat(engaged).extracting(FirstEngagements.Engaged::orgNumber).containsExactly("556036-0793", "202100-5489");
        FirstEngagements.Engaged first = engaged.get(0);
        assertThat(first.firstEngagedOn()).isEqualTo(LocalDate.of(2023, 11, 20));
        assertThat(first.year()).isEqualTo(2023);
        assertThat(first.engagements()).extracting(FirstEngagements.Engagement::eventIndex).containsExactly(40L, 30L);
        // the same day: the earlier event first
        assertThat(engaged.get(1).engagements()).extracting(FirstEngagements.Engagement::eventIndex).containsExactly(10L, 20L);
        assertThat(engaged.get(1).year()).isEqualTo(2024);
    }

    @Test
    void noEngagementsCountNothing() {
        assertThat(FirstEngagements.of(List.of())).isEmpty();
    }
}
