package se.samverkan.events.report;

import org.axonframework.serialization.Revision;

/** A report was approved; {@code chainHead} is the hash of the report's last event before this one. */
@Revision("1")
public record ReportApproved(String reportId, String projectId, String comment, String chainHead) {
}
