package se.samverkan.events.report;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;

@Revision("1")
public record ProgressReportDrafted(String reportId, String projectId, int number, LocalDate periodStart, LocalDate periodEnd) implements ProjectEvent {
}
