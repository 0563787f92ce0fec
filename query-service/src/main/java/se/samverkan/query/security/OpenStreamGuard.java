package se.samverkan.query.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import se.samverkan.query.security.AccessTokens.Credential;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token is checked when a stream opens, but a stream lives for many minutes: every second this looks
 * again at the token (or session) behind each open event stream and ends the streams whose token was
 * revoked or whose session ended, so they close within about a second of the revocation. The browser's
 * EventSource then reconnects, is refused with 401 and stops.
 */
@Component
public class OpenStreamGuard {

    static final long CHECK_INTERVAL_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(OpenStreamGuard.class);

    private record Watched(SseEmitter emitter, Credential credential) {
    }

    private final AccessTokens tokens;
    private final Set<Watched> streams = ConcurrentHashMap.newKeySet();

    public OpenStreamGuard(AccessTokens tokens) {
        this.tokens = tokens;
    }

    public void watch(SseEmitter emitter, Credential credential) {
        Watched watched = new Watched(emitter, credential);
        streams.add(watched);
        emitter.onCompletion(() -> streams.remove(watched));
        emitter.onTimeout(() -> streams.remove(watched));
        emitter.onError(error -> streams.remove(watched));
    }

    @Scheduled(fixedDelay = CHECK_INTERVAL_MILLIS, initialDelay = CHECK_INTERVAL_MILLIS)
    void closeStreamsOfInvalidCredentials() {
        try {
            Map<Credential, Boolean> valid = new HashMap<>();
            for (Watched watched : streams) {
                if (!valid.computeIfAbsent(watched.credential(), tokens::stillValid)) {
                    streams.remove(watched);
                    watched.emitter().complete();
                }
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next round checks again
            log.warn("Could not check the tokens of the open event streams: {}", e.toString());
        }
    }

    int watchedStreams() {
        return streams.size();
    }
}
