package se.samverkan.events.report;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ReportReturned(String reportId, String projectId, String reason) {
}
