package se.samverkan.events.activity;

import org.axonframework.serialization.Revision;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.Participants;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;
import java.util.List;

@Revision("1")
public record MeetingHeld(String activityId, String projectId, int workPackage, MeetingKind kind, LocalDate date,
                          String title, List<OrgNumber> organisations, Participants participants, String notes) implements ProjectEvent {
}
