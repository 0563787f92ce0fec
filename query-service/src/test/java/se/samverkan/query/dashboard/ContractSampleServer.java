package se.samverkan.query.dashboard;

import se.samverkan.query.platform.web.HtmlPage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for the query service's JSON API while testing the pages in a browser: serves the real
 * page shells (with their Content-Security-Policy) and assets, the dashboard JSON of the contract
 * sample (src/test/resources/dashboard-sample, which a test may replace), and an event stream the
 * test pushes events into. So the pages are tested against the contract, independently of the
 * read models.
 */
final class ContractSampleServer implements AutoCloseable {

    static final String PROJECT = "siv";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicReference<String> dashboard = new AtomicReference<>();
    private final Set<BlockingQueue<String>> streams = ConcurrentHashMap.newKeySet();
    private final List<String> streamRequests = new CopyOnWriteArrayList<>();

    ContractSampleServer() throws IOException {
        reset();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    static String sample(String name) {
        try {
            return new ClassPathResource("dashboard-sample/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void reset() {
        dashboard.set(sample("siv-dashboard.json"));
        streamRequests.clear();
    }

    void dashboard(String json) {
        dashboard.set(json);
    }

    String dashboard() {
        return dashboard.get();
    }

    /** Sends an event to every open stream, as the SSE endpoint does: id = global index. */
    void publish(long globalIndex, String type) {
        String frame = "id: " + globalIndex + "\nevent: " + type + "\ndata: {\"type\":\"" + type + "\",\"projectId\":\"" + PROJECT + "\"}\n\n";
        streams.forEach(stream -> stream.add(frame));
    }

    int openStreams() {
        return streams.size();
    }

    /** The query strings the pages opened the stream with. */
    List<String> streamRequests() {
        return streamRequests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.equals("/")) {
                page(exchange, "portfolio.html");
            } else if (path.equals("/projects/" + PROJECT)) {
                page(exchange, "dashboard.html");
            } else if (path.startsWith("/assets/") && !path.contains("..")) {
                asset(exchange, "static" + path);
            } else if (path.equals("/api/me")) {
                // the dashboard asks who is signed in to link to what the caller may do (work-links.js)
                send(exchange, 200, "application/json", "{\"userId\":\"sample\",\"name\":\"Sample coordinator\","
                        + "\"role\":\"COORDINATOR\",\"projects\":[\"" + PROJECT + "\"]}", Map.of());
            } else if (path.equals("/api/projects")) {
                send(exchange, 200, "application/json", sample("projects.json"), Map.of());
            } else if (path.equals("/api/projects/" + PROJECT + "/dashboard")) {
                send(exchange, 200, "application/json", dashboard.get(), Map.of());
            } else if (path.equals("/api/projects/" + PROJECT + "/events/stream")) {
                stream(exchange);
            } else {
                send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"no " + path + "\"}", Map.of());
            }
        }
    }

    private void page(HttpExchange exchange, String template) throws IOException {
        send(exchange, 200, "text/html;charset=UTF-8", HtmlPage.load(template).html(Map.of()),
                Map.of("Content-Security-Policy", HtmlPage.CONTENT_SECURITY_POLICY));
    }

    private void asset(HttpExchange exchange, String resource) throws IOException {
        ClassPathResource file = new ClassPathResource(resource);
        if (!file.exists()) {
            send(exchange, 404, "text/plain", "no " + resource, Map.of());
            return;
        }
        String type = resource.endsWith(".js") ? "text/javascript" : resource.endsWith(".css") ? "text/css"
                : resource.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream";
        try (InputStream in = file.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        streamRequests.add(String.valueOf(exchange.getRequestURI().getQuery()));
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        streams.add(frames);
        OutputStream body = exchange.getResponseBody();
        try {
            body.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            while (!Thread.currentThread().isInterrupted()) {
                String frame = frames.poll(500, TimeUnit.MILLISECONDS);
                // a comment when idle: writing is how a closed page is noticed
                body.write((frame != null ? frame : ": idle\n\n").getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // the page went away, or the server stops
        } finally {
            streams.remove(frames);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
