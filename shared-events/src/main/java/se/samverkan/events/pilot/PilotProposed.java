package se.samverkan.events.pilot;

import org.axonframework.serialization.Revision;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.ProjectEvent;

@Revision("1")
public record PilotProposed(String pilotId, String projectId, String name, String challenge, OrgNumber proposedByOrgNumber) implements ProjectEvent {
}
