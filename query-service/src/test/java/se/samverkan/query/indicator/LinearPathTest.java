package se.samverkan.query.indicator;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class LinearPathTest {

    // 2023-10-01 .. 2026-09-30: 1095 days from start to end
    private static final LocalDate START = LocalDate.of(2023, 10, 1);
    private static final LocalDate END = LocalDate.of(2026, 9, 30);
    private static final BigDecimal FIFTEEN = BigDecimal.valueOf(15);

    private static BigDecimal expected(LocalDate today) {
        return LinearPath.expectedByNow(FIFTEEN, START, END, today);
    }

    @Test
    void startsAtZeroAndReachesTheTargetAtTheEndOfThePeriod() {
        assertThat(expected(START)).isEqualByComparingTo("0");
        assertThat(expected(START.minusDays(30))).isEqualByComparingTo("0");
        assertThat(expected(END)).isEqualByComparingTo("15");
        assertThat(expected(END.plusDays(53))).isEqualByComparingTo("15");
    }

    @Test
    void growsInProportionToTheDaysElapsedRoundedToOneDecimal() {
        // 2024-05-31 is 243 days in: 15 * 243 / 1095 = 3.33
        assertThat(expected(LocalDate.of(2024, 5, 31))).isEqualTo(new BigDecimal("3.3"));
        // halfway, 2025-03-31 (547 days): 15 * 547 / 1095 = 7.49
        assertThat(expected(LocalDate.of(2025, 3, 31))).isEqualTo(new BigDecimal("7.5"));
    }

    @Test
    void behindMeansBelowTheFigureShown() {
        assertThat(LinearPath.behind(BigDecimal.valueOf(13), new BigDecimal("15.0"))).isTrue();
        assertThat(LinearPath.behind(BigDecimal.valueOf(13), new BigDecimal("3.3"))).isFalse();
        assertThat(LinearPath.behind(new BigDecimal("3.3"), new BigDecimal("3.3"))).isFalse();
        // 15 * 73 / 1095 = 1.0 exactly on 2023-12-13: standing at 1 is on track, not behind
        BigDecimal onTheDay = expected(LocalDate.of(2023, 12, 13));
        assertThat(onTheDay).isEqualByComparingTo("1.0");
        assertThat(LinearPath.behind(BigDecimal.ONE, onTheDay)).isFalse();
    }

    @Test
    void aOneDayPeriodExpectsTheWholeTargetOnItsDay() {
        assertThat(LinearPath.expectedByNow(FIFTEEN, START, START, START)).isEqualByComparingTo("15");
        assertThat(LinearPath.expectedByNow(FIFTEEN, START, START, START.minusDays(1))).isEqualByComparingTo("0");
    }
}
