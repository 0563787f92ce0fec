package se.samverkan.query.pages;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.events.security.Role;
import se.samverkan.query.audit.AuditAccess;
import se.samverkan.query.platform.eventstore.StoredEvents;
import se.samverkan.query.platform.web.HtmlPage;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.platform.security.Caller;
import se.samverkan.platform.web.ForbiddenException;

import java.util.Arrays;
import java.util.Map;

/**
 * The pages where people work (DESIGN.md, Pages). Each is an HTML shell whose script reads the query
 * API and writes through CommandForwarding; the page is served only to a caller whose role and project
 * scope allow it, anyone else gets a 403 page that says why (no session: AuthenticationFilter sends the
 * browser to sign in and back).
 */
@RestController
public class WorkPages {

    private static final Role[] WRITERS = {Role.COORDINATOR, Role.ADMIN};
    private static final Role[] REVIEWERS = {Role.AUDITOR, Role.ADMIN};
    private static final Role[] REPORT_READERS = {Role.AUDITOR, Role.COORDINATOR, Role.ADMIN};
    private static final Role[] SUBSCRIBERS = {Role.PARTNER, Role.COORDINATOR, Role.ADMIN};

    private final StoredEvents storedEvents;
    private final AuditAccess access;
    private final HtmlPage recordActivity = HtmlPage.load("activity-new.html");
    private final HtmlPage manage = HtmlPage.load("manage.html");
    private final HtmlPage reports = HtmlPage.load("reports.html");
    private final HtmlPage report = HtmlPage.load("report.html");
    private final HtmlPage reviews = HtmlPage.load("reviews.html");
    private final HtmlPage print = HtmlPage.load("report-print.html");
    private final HtmlPage subscriptions = HtmlPage.load("subscriptions.html");
    private final HtmlPage forbidden = HtmlPage.load("forbidden.html");

    public WorkPages(StoredEvents storedEvents, AuditAccess access) {
        this.storedEvents = storedEvents;
        this.access = access;
    }

    @GetMapping(value = "/projects/{projectId}/activities/new", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> recordActivity(@PathVariable String projectId, Caller caller) {
        return projectPage(recordActivity, projectId, caller, WRITERS);
    }

    @GetMapping(value = "/projects/{projectId}/manage", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> manage(@PathVariable String projectId, Caller caller) {
        return projectPage(manage, projectId, caller, WRITERS);
    }

    @GetMapping(value = "/projects/{projectId}/reports", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> reports(@PathVariable String projectId, Caller caller) {
        return projectPage(reports, projectId, caller, Role.values());
    }

    @GetMapping(value = "/reports/{reportId}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> report(@PathVariable String reportId, Caller caller) {
        return reportPage(report, reportId, caller);
    }

    /** Role first, then scope, then existence, as the audit API checks ({@link AuditAccess}). */
    private ResponseEntity<String> reportPage(HtmlPage page, String reportId, Caller caller) {
        if (!allowed(caller, REPORT_READERS)) {
            return refuse(caller, REPORT_READERS);
        }
        String projectId;
        try {
            projectId = access.requireReadable(caller, "reports", reportId);
        } catch (ForbiddenException e) {
            return refuse(caller, REPORT_READERS);
        } catch (NotFoundException e) {
            return forbidden.respond(HttpStatus.NOT_FOUND, Map.of("reason", "page.notFound"));
        }
        return page.respond(HttpStatus.OK, Map.of("reportId", reportId, "projectId", projectId));
    }

    /** Printable as of a version (?version=N, the latest without it); the script reads the version itself. */
    @GetMapping(value = "/reports/{reportId}/print", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> print(@PathVariable String reportId, Caller caller) {
        return reportPage(print, reportId, caller);
    }

    @GetMapping(value = "/reviews", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> reviews(Caller caller) {
        return allowed(caller, REVIEWERS) ? reviews.respond(HttpStatus.OK, Map.of()) : refuse(caller, REVIEWERS);
    }

    @GetMapping(value = "/subscriptions", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> subscriptions(Caller caller) {
        return allowed(caller, SUBSCRIBERS) ? subscriptions.respond(HttpStatus.OK, Map.of()) : refuse(caller, SUBSCRIBERS);
    }

    private ResponseEntity<String> projectPage(HtmlPage page, String projectId, Caller caller, Role[] roles) {
        if (!allowed(caller, roles)) {
            return refuse(caller, roles);
        }
        if (!caller.canRead(projectId)) {
            return forbidden.respond(HttpStatus.FORBIDDEN, Map.of("reason", "page.forbidden.scope"));
        }
        if (!storedEvents.projectExists(projectId)) {
            return forbidden.respond(HttpStatus.NOT_FOUND, Map.of("reason", "page.notFound.project"));
        }
        return page.respond(HttpStatus.OK, Map.of("projectId", projectId));
    }

    private ResponseEntity<String> refuse(Caller caller, Role[] roles) {
        return forbidden.respond(HttpStatus.FORBIDDEN, Map.of("reason",
                Arrays.asList(roles).contains(caller.role()) ? "page.forbidden.scope" : "page.forbidden.role"));
    }

    private static boolean allowed(Caller caller, Role[] roles) {
        return caller.role() == Role.ADMIN || Arrays.asList(roles).contains(caller.role());
    }
}
