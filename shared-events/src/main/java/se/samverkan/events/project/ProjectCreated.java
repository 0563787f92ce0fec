package se.samverkan.events.project;

import org.axonframework.serialization.Revision;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.ProjectEvent;

import java.time.LocalDate;

@Revision("1")
public record ProjectCreated(String projectId, String caseId, String name, String programme,
                             LocalDate periodStart, LocalDate periodEnd, OrgNumber beneficiaryOrgNumber) implements ProjectEvent {
}
