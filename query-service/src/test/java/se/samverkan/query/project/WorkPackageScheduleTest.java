package se.samverkan.query.project;

import org.junit.jupiter.api.Test;
import se.samverkan.events.project.WorkPackageStatus;
import se.samverkan.query.project.WorkPackageSchedule.Status;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class WorkPackageScheduleTest {

    private static final LocalDate PLANNED_END = LocalDate.of(2024, 3, 31);

    @Test
    void aPackageCompletedAfterItsPlannedEndIsDelayedByTheDaysBetweenWhateverTheDateToday() {
        LocalDate completed = LocalDate.of(2024, 5, 14);
        for (LocalDate today : new LocalDate[]{LocalDate.of(2024, 5, 14), LocalDate.of(2026, 11, 22)}) {
            WorkPackageSchedule schedule = WorkPackageSchedule.of(PLANNED_END, LocalDate.of(2023, 10, 1), completed, today);
            assertThat(schedule).isEqualTo(new WorkPackageSchedule(WorkPackageStatus.COMPLETED, Status.DELAYED, 44));
        }
    }

    @Test
    void aPackageCompletedOnOrBeforeItsPlannedEndIsCompletedWithoutDelay() {
        assertThat(WorkPackageSchedule.of(PLANNED_END, LocalDate.of(2024, 1, 1), PLANNED_END, LocalDate.of(2025, 1, 1)))
                .isEqualTo(new WorkPackageSchedule(WorkPackageStatus.COMPLETED, Status.COMPLETED, 0));
        assertThat(WorkPackageSchedule.of(PLANNED_END, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1), LocalDate.of(2025, 1, 1)))
                .isEqualTo(new WorkPackageSchedule(WorkPackageStatus.COMPLETED, Status.COMPLETED, 0));
    }

    @Test
    void anOpenPackageIsDelayedFromTheDayAfterItsPlannedEndCountingToToday() {
        LocalDate started = LocalDate.of(2024, 1, 1);
        assertThat(WorkPackageSchedule.of(PLANNED_END, started, null, PLANNED_END))
                .isEqualTo(new WorkPackageSchedule(WorkPackageStatus.ACTIVE, Status.ACTIVE, 0));
        assertThat(WorkPackageSchedule.of(PLANNED_END, started, null, LocalDate.of(2024, 4, 1)))
                .isEqualTo(new WorkPackageSchedule(WorkPackageStatus.ACTIVE, Status.DELAYED, 1));
        assertThat(WorkPackageSchedule.of(PLANNED_END, started, null, LocalDate.of(2024, 5, 14)))
                .isEqualTo(new WorkPackageSchedule(WorkPackageStatus.ACTIVE, Status.DELAYED, 44));
    }

    @Test
    void aPackageNeverStartedIsPlannedUntilItsEndPassesAndThenDelayedToo() {
        assertThat(WorkPackageSchedule.of(PLANNED_END, null, null, LocalDate.of(2024, 3, 1)))
                .isEqualTo(new WorkPackageSchedule(WorkPackageStatus.PLANNED, Status.PLANNED, 0));
        assertThat(WorkPackageSchedule.of(PLANNED_END, null, null, LocalDate.of(2024, 4, 10)))
                .isEqualTo(new WorkPackageSchedule(WorkPackageStatus.PLANNED, Status.DELAYED, 10));
    }
}
