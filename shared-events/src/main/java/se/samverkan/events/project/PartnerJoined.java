package se.samverkan.events.project;

import org.axonframework.serialization.Revision;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.ProjectEvent;

@Revision("1")
public record PartnerJoined(String projectId, OrgNumber orgNumber, PartnerRole role) implements ProjectEvent {
}
