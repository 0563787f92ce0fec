package se.samverkan.events.pilot;

import org.axonframework.serialization.Revision;
import se.samverkan.events.OrgNumber;

@Revision("1")
public record PilotProposed(String pilotId, String projectId, String name, String challenge, OrgNumber proposedByOrgNumber) {
}
