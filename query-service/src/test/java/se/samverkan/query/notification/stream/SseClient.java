package se.samverkan.query.notification.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** A minimal Server-Sent Events reader for tests (java.net.http, one line at a time). */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as the client sees it; comments are collected apart. */
    public record Frame(String id, String event, String data) {
        public long index() {
            return Long.parseLong(id);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(data, e);
            }
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(String url, String token, Map<String, String> headers) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null || id != null || event != null) {
                        frames.add(new Frame(id, event, data == null ? null : data.toString()));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> retries.add(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test or by the server
        }
    }

    /** The next event, or null when none comes within the timeout. */
    public Frame next(Duration timeout) {
        try {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads events until one satisfies {@code last}; fails, listing what came, when none does within the timeout. */
    public List<Frame> receiveUntil(Predicate<Frame> last, Duration timeout) {
        List<Frame> received = new ArrayList<>();
        try {
            await().atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                Frame frame = next(Duration.ofMillis(200));
                if (frame == null) {
                    return false;
                }
                received.add(frame);
                return last.test(frame);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the awaited event did not come within " + timeout + "; received "
                    + received.stream().map(Frame::id).toList());
        }
        return received;
    }

    /** Waits for the server's opening comment: from then on the stream is registered. */
    public String awaitComment(Duration timeout) {
        try {
            String comment = comments.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (comment == null) {
                throw new AssertionError("no comment on the stream within " + timeout);
            }
            return comment;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server ended the stream within the timeout. */
    public boolean awaitEnd(Duration timeout) {
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return !reader.isAlive();
    }

    public List<String> retries() {
        return retries;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
