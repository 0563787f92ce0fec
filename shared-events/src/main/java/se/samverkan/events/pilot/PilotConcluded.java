package se.samverkan.events.pilot;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;

@Revision("1")
public record PilotConcluded(String pilotId, String projectId, LocalDate concludedOn, String outcome) implements ProjectEvent {
}
