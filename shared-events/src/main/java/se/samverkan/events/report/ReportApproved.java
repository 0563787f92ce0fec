package se.samverkan.events.report;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

/** A report was approved; {@code chainHead} is the hash of the report's last event before this one. */
@Revision("1")
public record ReportApproved(String reportId, String projectId, String comment, String chainHead) implements ProjectEvent {
}
