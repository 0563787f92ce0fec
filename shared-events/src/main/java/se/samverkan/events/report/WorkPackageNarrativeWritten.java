package se.samverkan.events.report;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkPackageNarrativeWritten(String reportId, String projectId, int workPackage, String result, String obstacles) {
}
