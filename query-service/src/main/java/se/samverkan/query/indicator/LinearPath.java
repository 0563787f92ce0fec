package se.samverkan.query.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The straight line from 0 at the project's start to the target at its end: what an indicator should
 * stand at by today. Rounded to one decimal, as shown; "behind" compares with that shown figure, so
 * the alert never contradicts the numbers beside it.
 */
public final class LinearPath {

    private LinearPath() {
    }

    public static BigDecimal expectedByNow(BigDecimal target, LocalDate periodStart, LocalDate periodEnd, LocalDate today) {
        long length = ChronoUnit.DAYS.between(periodStart, periodEnd);
        LocalDate until = today.isBefore(periodEnd) ? today : periodEnd;
        long elapsed = Math.max(0, ChronoUnit.DAYS.between(periodStart, until));
        if (length <= 0) {
            // a one-day project: the whole target is due from its only day on
            return (today.isBefore(periodStart) ? BigDecimal.ZERO : target).setScale(1, RoundingMode.HALF_UP);
        }
        return target.multiply(BigDecimal.valueOf(elapsed)).divide(BigDecimal.valueOf(length), 1, RoundingMode.HALF_UP);
    }

    public static boolean behind(BigDecimal total, BigDecimal expectedByNow) {
        return total.compareTo(expectedByNow) < 0;
    }
}
