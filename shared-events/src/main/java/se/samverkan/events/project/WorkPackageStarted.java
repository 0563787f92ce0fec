package se.samverkan.events.project;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;

@Revision("1")
public record WorkPackageStarted(String projectId, int number, LocalDate startedOn) implements ProjectEvent {
}
