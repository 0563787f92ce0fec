package se.samverkan.events.activity;

import org.axonframework.serialization.Revision;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.Participants;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;
import java.util.List;

@Revision("1")
public record WorkshopHeld(String activityId, String projectId, int workPackage, LocalDate date, String title,
                           String targetGroup, List<OrgNumber> organisations, Participants participants, String outcome) implements ProjectEvent {
}
