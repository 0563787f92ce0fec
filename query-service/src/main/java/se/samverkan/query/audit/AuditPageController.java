package se.samverkan.query.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.query.platform.web.HtmlPage;

import java.util.Map;

/** The auditors' page for one report; its script reads the audit API, which checks who may read. */
@RestController
public class AuditPageController {

    private final HtmlPage reportHistory = HtmlPage.load("report-history.html");

    @GetMapping(value = "/reports/{reportId}/history", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> reportHistory(@PathVariable String reportId) {
        return reportHistory.respond(HttpStatus.OK, Map.of("reportId", reportId));
    }
}
