package se.samverkan.events.report;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

import java.time.Instant;
import java.util.List;

/**
 * A report was submitted. {@code chainHead} is the hash of the report's last event before this one,
 * so the submission itself names exactly the history it was built on.
 */
@Revision("1")
public record ReportSubmitted(String reportId, String projectId, int number, String signatory, Instant submittedAt,
                              String chainHead, List<IndicatorOutcomeSnapshot> indicators) implements ProjectEvent {
}
