package se.samverkan.events.report;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ReportQuestionAnswered(String reportId, String projectId, String key, Answer answer, String text) {
}
