package se.samverkan.query.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.query.platform.web.HtmlPage;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.platform.security.Caller;
import se.samverkan.platform.web.ForbiddenException;

import java.util.Map;

/**
 * The auditors' page for one report. It checks who may read the report as the audit API does
 * ({@link AuditAccess}); a caller who may not gets the same shell with 403 (404 for an unknown report and a
 * token that sees every project), and its script shows why.
 */
@RestController
public class AuditPageController {

    private final HtmlPage reportHistory = HtmlPage.load("report-history.html");
    private final AuditAccess access;

    public AuditPageController(AuditAccess access) {
        this.access = access;
    }

    @GetMapping(value = "/reports/{reportId}/history", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> reportHistory(@PathVariable String reportId, Caller caller) {
        HttpStatus status;
        try {
            access.requireReadable(caller, "reports", reportId);
            status = HttpStatus.OK;
        } catch (ForbiddenException e) {
            status = HttpStatus.FORBIDDEN;
        } catch (NotFoundException e) {
            status = HttpStatus.NOT_FOUND;
        }
        return reportHistory.respond(status, Map.of("reportId", reportId));
    }
}
