package se.samverkan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;

/** The HTTP contract of DESIGN.md as the bench uses it: JSON in and out, a bearer token on every request. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String POSITION = "Samverkan-Position";
    static final String MIN_POSITION = "Samverkan-Min-Position";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "bench-http");
                thread.setDaemon(true);
                return thread;
            }))
            .build();

    /** An answer: status, body, and the position of the last stored event when the service says it. */
    record Answer(int status, String body, OptionalLong position) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Answer send(String method, String url, String token, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            OptionalLong position = response.headers().firstValue(POSITION)
                    .map(String::trim).filter(v -> v.matches("\\d+"))
                    .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
            return new Answer(response.statusCode(), response.body(), position);
        } catch (IOException e) {
            return new Answer(-1, e.toString(), OptionalLong.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", OptionalLong.empty());
        }
    }

    /** Like send, but a status other than the expected one stops the bench: set-up must not half-succeed. */
    Answer expect(int status, String method, String url, String token, Object body) {
        Answer answer = send(method, url, token, body);
        if (answer.status() != status) {
            throw new IllegalStateException(method + " " + url + " answered " + answer.status() + " (expected " + status
                    + "): " + answer.body());
        }
        return answer;
    }
}
