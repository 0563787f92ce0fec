package se.samverkan.events.report;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

@Revision("1")
public record WorkPackageNarrativeWritten(String reportId, String projectId, int workPackage, String result, String obstacles) implements ProjectEvent {
}
