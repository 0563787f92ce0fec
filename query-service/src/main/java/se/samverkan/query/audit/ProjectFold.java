package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.events.project.IndicatorOutcomeRecorded;
import se.samverkan.events.project.PartnerJoined;
import se.samverkan.events.project.ProjectCreated;
import se.samverkan.events.project.WorkPackageCompleted;
import se.samverkan.events.project.WorkPackagePlanned;
import se.samverkan.events.project.WorkPackageReplanned;
import se.samverkan.events.project.WorkPackageStarted;
import se.samverkan.events.project.WorkPackageStatus;

import java.time.Instant;

/** A project's state: its facts, partners, work packages and indicators with their recorded outcomes. */
@Component
class ProjectFold implements AggregateFold {

    @Override
    public String kind() {
        return "project";
    }

    @Override
    public boolean startsWith(Object firstEvent) {
        return firstEvent instanceof ProjectCreated;
    }

    @Override
    public boolean isLifecycleStep(Object event) {
        return event instanceof ProjectCreated || event instanceof WorkPackageStarted || event instanceof WorkPackageCompleted;
    }

    @Override
    public void apply(ObjectNode state, Object event, Instant at) {
        if (event instanceof ProjectCreated created) {
            state.put("projectId", created.projectId());
            state.put("caseId", created.caseId());
            state.put("name", created.name());
            state.put("programme", created.programme());
            state.put("periodStart", created.periodStart().toString());
            state.put("periodEnd", created.periodEnd().toString());
            state.put("beneficiaryOrgNumber", created.beneficiaryOrgNumber().value());
            state.putObject("partners");
            state.putObject("workPackages");
            state.putObject("indicators");
        } else if (event instanceof PartnerJoined joined) {
            state.withObjectProperty("partners").put(joined.orgNumber().value(), joined.role().name());
        } else if (event instanceof WorkPackagePlanned planned) {
            ObjectNode workPackage = state.withObjectProperty("workPackages").putObject(String.valueOf(planned.number()));
            workPackage.put("name", planned.name());
            workPackage.put("plannedStart", planned.plannedStart().toString());
            workPackage.put("plannedEnd", planned.plannedEnd().toString());
            workPackage.put("status", WorkPackageStatus.PLANNED.name());
        } else if (event instanceof WorkPackageStarted started) {
            ObjectNode workPackage = state.withObjectProperty("workPackages").withObjectProperty(String.valueOf(started.number()));
            workPackage.put("status", WorkPackageStatus.ACTIVE.name());
            workPackage.put("startedOn", started.startedOn().toString());
        } else if (event instanceof WorkPackageCompleted completed) {
            ObjectNode workPackage = state.withObjectProperty("workPackages").withObjectProperty(String.valueOf(completed.number()));
            workPackage.put("status", WorkPackageStatus.COMPLETED.name());
            workPackage.put("completedOn", completed.completedOn().toString());
        } else if (event instanceof WorkPackageReplanned replanned) {
            ObjectNode workPackage = state.withObjectProperty("workPackages").withObjectProperty(String.valueOf(replanned.number()));
            workPackage.put("plannedEnd", replanned.plannedEnd().toString());
            workPackage.put("lastReplanReason", replanned.reason());
        } else if (event instanceof IndicatorDefined defined) {
            ObjectNode indicator = state.withObjectProperty("indicators").putObject(defined.code());
            indicator.put("name", defined.name());
            indicator.put("unit", defined.unit());
            indicator.put("target", defined.target());
            indicator.put("countingRule", defined.countingRule().name());
            indicator.putObject("outcomes");
        } else if (event instanceof IndicatorOutcomeRecorded outcome) {
            ObjectNode year = state.withObjectProperty("indicators").withObjectProperty(outcome.code()).withObjectProperty("outcomes").putObject(String.valueOf(outcome.year()));
            year.put("value", outcome.value());
            ArrayNode organisations = year.putArray("organisations");
            if (outcome.organisations() != null) {
                outcome.organisations().stream().map(OrgNumber::value).forEach(organisations::add);
            }
            year.put("note", outcome.note());
        }
        // an event this version of the fold does not know changes nothing it shows
    }
}
