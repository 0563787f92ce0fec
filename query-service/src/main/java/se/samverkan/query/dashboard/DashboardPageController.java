package se.samverkan.query.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.query.platform.eventstore.StoredEvents;
import se.samverkan.query.platform.web.HtmlPage;
import se.samverkan.platform.security.Caller;

import java.util.Map;

/**
 * The coordinators' pages: the portfolio and a project's live dashboard. Each is a small HTML shell;
 * its script reads the dashboard JSON API with the session cookie, draws the figures and follows the
 * project's event stream, so the page and the API can never show different numbers.
 */
@RestController
public class DashboardPageController {

    private final HtmlPage portfolio = HtmlPage.load("portfolio.html");
    private final HtmlPage dashboard = HtmlPage.load("dashboard.html");
    private final StoredEvents store;

    public DashboardPageController(StoredEvents store) {
        this.store = store;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> portfolio() {
        return portfolio.respond(HttpStatus.OK, Map.of());
    }

    /**
     * A project outside the caller's scope gets the same page with 403 (whether it exists or not: scope before
     * existence), an unknown one within it 404; its script shows why.
     */
    @GetMapping(value = "/projects/{projectId}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> dashboard(@PathVariable String projectId, Caller caller) {
        HttpStatus status = !caller.canRead(projectId) ? HttpStatus.FORBIDDEN
                : store.projectExists(projectId) ? HttpStatus.OK : HttpStatus.NOT_FOUND;
        return dashboard.respond(status, Map.of());
    }
}
