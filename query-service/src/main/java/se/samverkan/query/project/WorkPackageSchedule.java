package se.samverkan.query.project;

import se.samverkan.events.project.WorkPackageStatus;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Where a work package stands against its (current) planned end. A package completed after its planned
 * end, or still not completed after it, is DELAYED by the days from the planned end to its completion
 * (or to today); a completed package's delay no longer depends on today.
 */
public record WorkPackageSchedule(WorkPackageStatus lifecycle, Status status, long delayDays) {

    /** What the dashboard shows: the package's lifecycle step, or DELAYED, which is a reading of its dates, no step. */
    public enum Status {
        PLANNED, ACTIVE, COMPLETED, DELAYED;

        static Status of(WorkPackageStatus lifecycle) {
            return switch (lifecycle) {
                case PLANNED -> PLANNED;
                case ACTIVE -> ACTIVE;
                case COMPLETED -> COMPLETED;
            };
        }
    }

    public static WorkPackageSchedule of(LocalDate plannedEnd, LocalDate startedOn, LocalDate completedOn, LocalDate today) {
        WorkPackageStatus lifecycle = completedOn != null ? WorkPackageStatus.COMPLETED
                : startedOn != null ? WorkPackageStatus.ACTIVE : WorkPackageStatus.PLANNED;
        LocalDate measuredOn = completedOn != null ? completedOn : today;
        if (measuredOn.isAfter(plannedEnd)) {
            return new WorkPackageSchedule(lifecycle, Status.DELAYED, ChronoUnit.DAYS.between(plannedEnd, measuredOn));
        }
        return new WorkPackageSchedule(lifecycle, Status.of(lifecycle), 0);
    }

    public boolean delayed() {
        return status == Status.DELAYED;
    }
}
