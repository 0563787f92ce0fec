package se.samverkan.query.notification.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback for the tests: records every request per path (each test its own
 * path) and answers the status set for that path (200 unless told otherwise).
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Received(String path, Map<String, String> headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        public long eventIndex() {
            return json().get("data").get("eventIndex").asLong();
        }
    }

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        this(0);
    }

    public WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(String path, int status) {
        statuses.computeIfAbsent(path, p -> new AtomicInteger()).set(status);
    }

    /** Every answer takes this long (the request is recorded first). */
    public void slowDown(Duration delay) {
        this.delay = delay;
    }

    /** Answers on this path take this long. */
    public void slowDown(String path, Duration delay) {
        delays.put(path, delay);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        List<Received> ofPath = received.computeIfAbsent(path, p -> new ArrayList<>());
        synchronized (ofPath) {
            ofPath.add(new Received(path, headers, body, Instant.now()));
            ofPath.notifyAll();
        }
        Duration wait = delays.getOrDefault(path, delay);
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        AtomicInteger status = statuses.get(path);
        exchange.sendResponseHeaders(status == null ? 200 : status.get(), -1);
        exchange.close();
    }

    /** Everything received on the path so far, in arrival order. */
    public List<Received> all(String path) {
        List<Received> ofPath = received.computeIfAbsent(path, p -> new ArrayList<>());
        synchronized (ofPath) {
            return List.copyOf(ofPath);
        }
    }

    /** Waits until the path has received at least {@code count} requests; answers all received. */
    public List<Received> await(String path, int count, Duration timeout) {
        List<Received> ofPath = received.computeIfAbsent(path, p -> new ArrayList<>());
        Instant deadline = Instant.now().plus(timeout);
        synchronized (ofPath) {
            while (ofPath.size() < count) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("only " + ofPath.size() + " of " + count + " webhooks arrived at " + path
                            + " within " + timeout);
                }
                try {
                    ofPath.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return List.copyOf(ofPath);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
