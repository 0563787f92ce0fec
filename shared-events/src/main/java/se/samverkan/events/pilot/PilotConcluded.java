package se.samverkan.events.pilot;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record PilotConcluded(String pilotId, String projectId, LocalDate concludedOn, String outcome) {
}
