package se.samverkan.events.pilot;

import org.axonframework.serialization.Revision;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;
import java.util.List;

@Revision("1")
public record PilotIncluded(String pilotId, String projectId, LocalDate includedOn, int members, List<OrgNumber> workingGroup) implements ProjectEvent {
}
