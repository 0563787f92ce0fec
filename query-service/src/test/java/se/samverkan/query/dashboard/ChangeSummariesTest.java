package se.samverkan.query.dashboard;

import org.junit.jupiter.api.Test;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.Participants;
import se.samverkan.events.ProjectEvent;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.MeetingKind;
import se.samverkan.events.organisation.OrganisationRegistered;
import se.samverkan.events.project.WorkPackageCompleted;
import se.samverkan.events.security.AccessTokenIssued;
import se.samverkan.events.security.Role;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeSummariesTest {

    @Test
    void projectEventsGetALineUnderTheirProject() {
        assertThat(ChangeSummaries.describe(new WorkPackageCompleted("siv", 1, LocalDate.of(2024, 5, 14))))
                .contains(new ChangeSummaries.Change("siv", "Work package 1 completed on 2024-05-14"));
        assertThat(ChangeSummaries.describe(new MeetingHeld("m1", "siv", 1, MeetingKind.MAPPING, LocalDate.of(2024, 2, 13),
                "Kartläggningssamtal", List.of(), Participants.NONE, "")))
                .contains(new ChangeSummaries.Change("siv",
                        "Meeting 'Kartläggningssamtal' (MAPPING, work package 1) held on 2024-02-13"));
    }

    @Test
    void eventsOfNoProjectAreLeftOut() {
        assertThat(ChangeSummaries.describe(new OrganisationRegistered("o", OrgNumber.of("769604-7237"), "Coompanion",
                Country.SE, OrganisationCategory.CIVIL_SOCIETY))).isEmpty();
        assertThat(ChangeSummaries.describe(new AccessTokenIssued("t", "name", Role.PARTNER, List.of("siv"), "hash")))
                .isEmpty();
    }

    record SomethingNewHappened(String projectId, String detail) implements ProjectEvent {
    }

    @Test
    void anEventTypeWithoutItsOwnLineIsNamedIfItBelongsToAProject() {
        assertThat(ChangeSummaries.describe(new SomethingNewHappened("siv", "x")))
                .contains(new ChangeSummaries.Change("siv", "Something new happened"));
    }
}
