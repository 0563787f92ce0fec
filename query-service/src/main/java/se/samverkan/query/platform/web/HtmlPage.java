package se.samverkan.query.platform.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML page from {@code classpath:templates/}, with {@code {{name}}} placeholders filled with
 * HTML-escaped values. {@code {{v}}} is the asset version, which changes at every start so that
 * browsers never combine a new page with stale scripts. {@code {{>name}}} includes
 * {@code templates/partials/name.html} when the page is loaded (the work pages share one top bar).
 */
public final class HtmlPage {

    static final String ASSET_VERSION = Long.toString(System.currentTimeMillis(), 36);
    /** Scripts and styles only from this service (no inline code, no CDN); no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final Pattern PARTIAL = Pattern.compile("\\{\\{>([a-z-]+)}}\\n?");

    private final String name;
    private final String template;

    private HtmlPage(String name, String template) {
        this.name = name;
        this.template = template;
    }

    public static HtmlPage load(String name) {
        Matcher partial = PARTIAL.matcher(read(name));
        StringBuilder template = new StringBuilder();
        while (partial.find()) {
            partial.appendReplacement(template, Matcher.quoteReplacement(read("partials/" + partial.group(1) + ".html")));
        }
        partial.appendTail(template);
        return new HtmlPage(name, template.toString());
    }

    private static String read(String name) {
        try {
            return new ClassPathResource("templates/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the page template templates/" + name + " is missing", e);
        }
    }

    public String html(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("v", ASSET_VERSION);
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder();
        while (placeholder.find()) {
            String value = all.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + placeholder.group(1) + "}} in " + name);
            }
            placeholder.appendReplacement(html, Matcher.quoteReplacement(HtmlUtils.htmlEscape(value, "UTF-8")));
        }
        placeholder.appendTail(html);
        return html.toString();
    }

    public ResponseEntity<String> respond(HttpStatus status, Map<String, String> values) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .body(html(values));
    }
}
