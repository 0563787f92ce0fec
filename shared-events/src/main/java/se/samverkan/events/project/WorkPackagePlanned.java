package se.samverkan.events.project;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;

@Revision("1")
public record WorkPackagePlanned(String projectId, int number, String name, LocalDate plannedStart, LocalDate plannedEnd) implements ProjectEvent {
}
