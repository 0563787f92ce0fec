package se.samverkan.command.report;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.command.common.Validation;
import se.samverkan.command.platform.CommandDispatcher;
import se.samverkan.command.platform.Written;
import se.samverkan.command.platform.web.Versions;
import se.samverkan.command.platform.web.Versions.Created;
import se.samverkan.command.report.ProgressReport.AnswerQuestion;
import se.samverkan.command.report.ProgressReport.ApproveReport;
import se.samverkan.command.report.ProgressReport.DraftProgressReport;
import se.samverkan.command.report.ProgressReport.ReturnReport;
import se.samverkan.command.report.ProgressReport.SubmitReport;
import se.samverkan.command.report.ProgressReport.WriteWorkPackageNarrative;
import se.samverkan.command.report.StoredReportChain.SubmissionReceipt;
import se.samverkan.platform.security.Caller;
import se.samverkan.events.report.Answer;
import se.samverkan.events.security.Role;
import se.samverkan.platform.input.FreeText;

import java.time.LocalDate;

/**
 * Progress reports over HTTP. Coordinators of the report's project write and submit; auditors of the
 * project (or admins) return and approve. A question key or work package number in the path that the
 * report does not have is a 422 naming the valid ones (they are entries of a fixed list, not ids);
 * an unknown report id is a 404.
 */
@RestController
public class ProgressReportController {

    public record DraftRequest(String id, Integer number, String periodStart, String periodEnd) {
    }

    public record AnswerRequest(String answer, @FreeText String text) {
    }

    public record NarrativeRequest(@FreeText String result, @FreeText String obstacles) {
    }

    public record SubmissionRequest(String signatory) {
    }

    public record ReturnRequest(@FreeText String reason) {
    }

    public record ApprovalRequest(@FreeText String comment) {
    }

    /** The receipt on the wire: submittedAt as a UTC instant with Z. */
    public record ReceiptResponse(String reportId, long version, String submittedAt, String chainHead) {
    }

    private final CommandDispatcher commands;
    private final ReportDirectory reports;
    private final StoredReportChain chain;

    public ProgressReportController(CommandDispatcher commands, ReportDirectory reports, StoredReportChain chain) {
        this.commands = commands;
        this.reports = reports;
        this.chain = chain;
    }

    @ResponseStatus(HttpStatus.CREATED) // documents the 201 that the answer sets
    @PostMapping("/api/projects/{projectId}/reports")
    public ResponseEntity<Created> draft(@PathVariable String projectId, @RequestBody DraftRequest request, Caller caller) {
        caller.requireCoordinatorOf(projectId);
        Validation validation = new Validation();
        String id = validation.clientId("id", request.id());
        Integer number = validation.number("number", request.number());
        if (number != null) {
            validation.check(number >= 1, "number", "must be 1 or more (was " + number + ")");
        }
        LocalDate periodStart = validation.date("periodStart", request.periodStart());
        LocalDate periodEnd = validation.date("periodEnd", request.periodEnd());
        validation.throwIfInvalid();
        return Versions.created(commands.create(id,
                reportId -> new DraftProgressReport(reportId, projectId, number, periodStart, periodEnd), caller));
    }

    @PutMapping("/api/reports/{reportId}/answers/{key}")
    public ResponseEntity<Void> answer(@PathVariable String reportId, @PathVariable String key,
                                         @RequestBody AnswerRequest request, Caller caller,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        caller.requireRole(Role.COORDINATOR);
        caller.requireCoordinatorOf(projectOf(reportId, caller));
        Validation validation = new Validation();
        Answer answer = validation.oneOf("answer", request.answer(), Answer.class);
        validation.throwIfInvalid();
        return Versions.ok(commands.send(reportId,
                new AnswerQuestion(reportId, key, answer, validation.optionalText(request.text()),
                        Versions.expectedSequence(ifMatch)), caller));
    }

    @PutMapping("/api/reports/{reportId}/work-packages/{number}")
    public ResponseEntity<Void> narrative(@PathVariable String reportId, @PathVariable String number,
                                            @RequestBody NarrativeRequest request, Caller caller,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        caller.requireRole(Role.COORDINATOR);
        caller.requireCoordinatorOf(projectOf(reportId, caller));
        Validation validation = new Validation();
        Integer workPackage = workPackageNumber(validation, number);
        String result = validation.text("result", request.result());
        validation.throwIfInvalid();
        return Versions.ok(commands.send(reportId,
                new WriteWorkPackageNarrative(reportId, workPackage, result, validation.optionalText(request.obstacles()),
                        Versions.expectedSequence(ifMatch)), caller));
    }

    @PostMapping("/api/reports/{reportId}/submission")
    public ResponseEntity<ReceiptResponse> submit(@PathVariable String reportId, @RequestBody SubmissionRequest request, Caller caller,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        caller.requireRole(Role.COORDINATOR);
        caller.requireCoordinatorOf(projectOf(reportId, caller));
        // The report names a missing signatory together with every unanswered mandatory question.
        Written written = commands.send(reportId,
                new SubmitReport(reportId, request.signatory(), Versions.expectedSequence(ifMatch)), caller);
        // Read back once committed: the receipt's chainHead is the hash of the stored submission event.
        SubmissionReceipt receipt = chain.receipt(reportId, written.version());
        return Versions.ok(written, new ReceiptResponse(receipt.reportId(), receipt.version(),
                receipt.submittedAt().toString(), receipt.chainHead()));
    }

    @PostMapping("/api/reports/{reportId}/return")
    public ResponseEntity<Void> returnReport(@PathVariable String reportId, @RequestBody ReturnRequest request, Caller caller,
                                               @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        caller.requireRole(Role.AUDITOR);
        caller.requireAuditorOf(projectOf(reportId, caller));
        return Versions.ok(commands.send(reportId,
                new ReturnReport(reportId, request.reason(), Versions.expectedSequence(ifMatch)), caller));
    }

    @PostMapping("/api/reports/{reportId}/approval")
    public ResponseEntity<Void> approve(@PathVariable String reportId,
                                          @RequestBody(required = false) ApprovalRequest request, Caller caller,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        caller.requireRole(Role.AUDITOR);
        caller.requireAuditorOf(projectOf(reportId, caller));
        String comment = request == null ? "" : request.comment();
        return Versions.ok(commands.send(reportId,
                new ApproveReport(reportId, comment, Versions.expectedSequence(ifMatch)), caller));
    }

    /** The report's project, for the scope check (callers check the role first, so a wrong role learns no ids). */
    private String projectOf(String reportId, Caller caller) {
        return caller.projectInScope("report", reportId, reports.find(reportId).map(ReportDirectory.KnownReport::projectId));
    }

    private static Integer workPackageNumber(Validation validation, String number) {
        try {
            return Integer.valueOf(number);
        } catch (NumberFormatException e) {
            validation.check(false, "workPackage", "must be a work package number like 1, not '" + number + "'");
            return null;
        }
    }
}
