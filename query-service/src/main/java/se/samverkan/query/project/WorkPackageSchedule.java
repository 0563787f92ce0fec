package se.samverkan.query.project;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Where a work package stands against its (current) planned end. A package completed after its planned
 * end, or still not completed after it, is DELAYED by the days from the planned end to its completion
 * (or to today); a completed package's delay no longer depends on today.
 */
public record WorkPackageSchedule(String lifecycle, String status, long delayDays) {

    public static final String PLANNED = "PLANNED";
    public static final String ACTIVE = "ACTIVE";
    public static final String COMPLETED = "COMPLETED";
    public static final String DELAYED = "DELAYED";

    public static WorkPackageSchedule of(LocalDate plannedEnd, LocalDate startedOn, LocalDate completedOn, LocalDate today) {
        String lifecycle = completedOn != null ? COMPLETED : startedOn != null ? ACTIVE : PLANNED;
        LocalDate measuredOn = completedOn != null ? completedOn : today;
        if (measuredOn.isAfter(plannedEnd)) {
            return new WorkPackageSchedule(lifecycle, DELAYED, ChronoUnit.DAYS.between(plannedEnd, measuredOn));
        }
        return new WorkPackageSchedule(lifecycle, lifecycle, 0);
    }

    public boolean delayed() {
        return DELAYED.equals(status);
    }
}
