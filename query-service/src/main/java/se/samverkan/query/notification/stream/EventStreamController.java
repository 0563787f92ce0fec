package se.samverkan.query.notification.stream;

import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.platform.eventstore.StoredEvents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import se.samverkan.platform.web.BadRequestException;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.query.security.AccessTokens;
import se.samverkan.query.security.AuthenticationFilter;
import se.samverkan.platform.security.Caller;
import se.samverkan.query.security.OpenStreamGuard;

import java.time.Duration;

/**
 * GET /api/projects/{p}/events/stream: the project's events as Server-Sent Events, {@code id} being the
 * global event index. With {@code Last-Event-ID} (sent by a reconnecting EventSource) or
 * {@code ?lastEventId=} (for a page that knows where its data stands) it first sends every later event
 * of the project, then the live ones; without, it starts live.
 */
@RestController
public class EventStreamController {

    /**
     * A stream ends after this long and the browser reconnects (resuming after its last event). A revoked
     * token or ended session loses its open streams much sooner ({@link OpenStreamGuard}).
     */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final EventTailer tailer;
    private final StoredEvents store;
    private final OpenStreamGuard guard;

    public EventStreamController(EventTailer tailer, StoredEvents store, OpenStreamGuard guard) {
        this.tailer = tailer;
        this.store = store;
        this.guard = guard;
    }

    @GetMapping(path = "/api/projects/{projectId}/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable String projectId,
                             @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                             @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter,
                             Caller caller, HttpServletRequest request, HttpServletResponse response) {
        caller.requireRead(projectId);
        if (!store.projectExists(projectId)) {
            throw new NotFoundException("There is no project '" + projectId + "'.");
        }
        // a reconnecting EventSource sends the header; it is newer than the page's query parameter
        long resumeAfter = lastEventIdHeader != null && !lastEventIdHeader.isBlank()
                ? eventIndex("Last-Event-ID", lastEventIdHeader)
                : lastEventIdParameter != null && !lastEventIdParameter.isBlank()
                ? eventIndex("lastEventId", lastEventIdParameter) : -1;
        if (resumeAfter > store.head()) {
            throw new BadRequestException("No event has the index " + resumeAfter + " yet; send the id of the last event"
                    + " you received, or nothing to start with the next event.");
        }
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // tells nginx-style proxies not to buffer the stream
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        guard.watch(emitter, (AccessTokens.Credential) request.getAttribute(AuthenticationFilter.CREDENTIAL_ATTRIBUTE));
        tailer.subscribe(projectId, resumeAfter, emitter);
        return emitter;
    }

    private static long eventIndex(String name, String value) {
        try {
            long index = Long.parseLong(value.trim());
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadRequestException("'" + name + "' must be the id of an event received from this stream (a global"
                + " event index, a whole number of 0 or more), not '" + value + "'.");
    }
}
