package se.samverkan.events.report;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

@Revision("1")
public record ReportQuestionAnswered(String reportId, String projectId, String key, Answer answer, String text) implements ProjectEvent {
}
