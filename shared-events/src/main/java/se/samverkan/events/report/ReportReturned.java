package se.samverkan.events.report;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

@Revision("1")
public record ReportReturned(String reportId, String projectId, String reason) implements ProjectEvent {
}
