package se.samverkan.events.pilot;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;

@Revision("1")
public record PilotWithdrawn(String pilotId, String projectId, LocalDate withdrawnOn, String reason) implements ProjectEvent {
}
