package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;
import se.samverkan.events.report.ProgressReportDrafted;
import se.samverkan.events.report.ReportApproved;
import se.samverkan.events.report.ReportQuestionAnswered;
import se.samverkan.events.report.ReportReturned;
import se.samverkan.events.report.ReportStatus;
import se.samverkan.events.report.ReportSubmitted;
import se.samverkan.events.report.WorkPackageNarrativeWritten;
import se.samverkan.platform.eventstore.EventJson;

import java.time.Instant;

/**
 * A progress report's state: what it said (answers, narratives, signatory, the indicator outcomes frozen
 * at submission) and its status; when and on which chain head it was submitted, returned or approved is
 * kept apart under "lifecycle", so that comparing two submissions shows what was edited.
 */
@Component
class ReportFold implements AggregateFold {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();
    static final String LIFECYCLE = "lifecycle";

    @Override
    public String kind() {
        return "report";
    }

    @Override
    public boolean startsWith(Object firstEvent) {
        return firstEvent instanceof ProgressReportDrafted;
    }

    @Override
    public boolean isLifecycleStep(Object event) {
        return event instanceof ProgressReportDrafted || event instanceof ReportSubmitted
                || event instanceof ReportReturned || event instanceof ReportApproved;
    }

    @Override
    public void apply(ObjectNode state, Object event, Instant at) {
        if (event instanceof ProgressReportDrafted drafted) {
            state.put("reportId", drafted.reportId());
            state.put("projectId", drafted.projectId());
            state.put("number", drafted.number());
            state.put("periodStart", drafted.periodStart().toString());
            state.put("periodEnd", drafted.periodEnd().toString());
            state.put("status", ReportStatus.DRAFT.name());
            state.putObject("answers");
            state.putObject("workPackages");
        } else if (event instanceof ReportQuestionAnswered answered) {
            ObjectNode answer = state.withObjectProperty("answers").putObject(answered.key());
            answer.put("answer", answered.answer().name());
            answer.put("text", answered.text());
        } else if (event instanceof WorkPackageNarrativeWritten narrative) {
            ObjectNode workPackage = state.withObjectProperty("workPackages").putObject(String.valueOf(narrative.workPackage()));
            workPackage.put("result", narrative.result());
            workPackage.put("obstacles", narrative.obstacles());
        } else if (event instanceof ReportSubmitted submitted) {
            state.put("status", ReportStatus.SUBMITTED.name());
            state.put("signatory", submitted.signatory());
            state.set("indicators", JSON.valueToTree(submitted.indicators()));
            ObjectNode lifecycle = state.withObjectProperty(LIFECYCLE);
            lifecycle.put("submittedAt", submitted.submittedAt().toString());
            lifecycle.put("submittedOnChainHead", submitted.chainHead());
            lifecycle.remove("returnReason");
        } else if (event instanceof ReportReturned returned) {
            state.put("status", ReportStatus.RETURNED.name());
            state.withObjectProperty(LIFECYCLE).put("returnReason", returned.reason());
        } else if (event instanceof ReportApproved approved) {
            state.put("status", ReportStatus.APPROVED.name());
            ObjectNode lifecycle = state.withObjectProperty(LIFECYCLE);
            lifecycle.put("approvalComment", approved.comment());
            lifecycle.put("approvedAt", at == null ? null : at.toString()); // null: its stored instant cannot be read
            lifecycle.put("approvedOnChainHead", approved.chainHead());
        }
        // an event this version of the fold does not know changes nothing it shows
    }
}
