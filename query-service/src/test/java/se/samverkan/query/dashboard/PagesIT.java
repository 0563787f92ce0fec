package se.samverkan.query.dashboard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in flow and the page shells over HTTP, as a browser meets them, on the running platform. */
class PagesIT {

    private static final Platform platform = Platform.get();
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static String sivCoordinator;

    @BeforeAll
    static void tokens() {
        platform.playScenarioOnce(); // the pages below show the scenario's project "siv"
        sivCoordinator = platform.issueToken("COORDINATOR", List.of("siv"));
    }

    @Test
    void aPageWithoutSessionSendsTheBrowserToSignInAndBack() throws Exception {
        HttpResponse<String> dashboard = get("/projects/siv?x=1", null);
        assertThat(dashboard.statusCode()).isBetween(302, 303);
        assertThat(dashboard.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in?next=%2Fprojects%2Fsiv%3Fx%3D1");

        HttpResponse<String> form = get("/sign-in?next=%2Fprojects%2Fsiv%3Fx%3D1", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(form.body()).contains("<form method=\"post\" action=\"/sign-in\"", "name=\"token\"",
                "name=\"next\" value=\"/projects/siv?x=1\"");
        assertThat(form.body()).contains("id=\"sign-in-error\"").containsPattern("data-i18n=\"\"\\s+hidden>");

        HttpResponse<String> signedIn = signIn(sivCoordinator, "/projects/siv?x=1");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).isEqualTo("/projects/siv?x=1");
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("samverkan_session=").contains("; Path=/", "; Max-Age=43200", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure");
        assertThat(cookie.substring("samverkan_session=".length(), cookie.indexOf(';'))).hasSizeGreaterThanOrEqualTo(40);

        HttpResponse<String> page = get("/projects/siv?x=1", session(cookie));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/assets/js/dashboard.js?v=", "data-testid=\"live-status\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(get("/", session(cookie)).body()).contains("/assets/js/portfolio.js?v=");
    }

    @Test
    void aWrongTokenShowsTheFormAgainWithAnErrorAndKeepsWhereToGo() throws Exception {
        HttpResponse<String> wrong = signIn("not-a-token", "/projects/siv");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).contains("data-i18n=\"sign-in.error.unknown\"", "This token is unknown or has been revoked.",
                "name=\"next\" value=\"/projects/siv\"").doesNotContainPattern("data-i18n=\"sign-in.error.unknown\"\\s+hidden");

        HttpResponse<String> empty = signIn("  ", "/");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("Enter your access token.");
    }

    @Test
    void signInNeverLeadsToAnotherSite() throws Exception {
        for (String next : List.of("//evil.example/x", "/\\evil.example", "https://evil.example", "/\t/evil.example")) {
            HttpResponse<String> signedIn = signIn(sivCoordinator, next);
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Location").orElseThrow()).as(next).isEqualTo("/");
        }
        HttpResponse<String> form = get("/sign-in?next=" + URLEncoder.encode("//evil.example", StandardCharsets.UTF_8), null);
        assertThat(form.body()).contains("name=\"next\" value=\"/\"");
    }

    @Test
    void whatTheFormShowsIsEscaped() throws Exception {
        HttpResponse<String> form = get("/sign-in?next=" + URLEncoder.encode("/projects/o'brien&x=1", StandardCharsets.UTF_8), null);
        assertThat(form.body()).contains("value=\"/projects/o&#39;brien&amp;x=1\"");
    }

    @Test
    void signingOutEndsTheSessionAndForgetsTheCookie() throws Exception {
        String cookie = signIn(sivCoordinator, "/").headers().firstValue("Set-Cookie").orElseThrow();
        HttpResponse<String> page = get("/", session(cookie));
        assertThat(page.statusCode()).isEqualTo(200);
        // the page hands out the CSRF token that its sign-out form sends along (PageSecurity)
        String csrf = session(page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow());

        HttpResponse<String> signedOut = http.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/sign-out"))
                .header("Cookie", session(cookie) + "; " + csrf).header("X-XSRF-TOKEN", csrf.substring("XSRF-TOKEN=".length()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).isEqualTo("/sign-in");
        assertThat(signedOut.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("samverkan_session=;").contains("Max-Age=0", "HttpOnly", "SameSite=Strict", "Path=/");

        assertThat(get("/", session(cookie)).statusCode()).as("the old cookie no longer signs in").isBetween(302, 303);
    }

    @Test
    void aProjectOutsideTheTokensScopeIsRefused() throws Exception {
        String cookie = signIn(sivCoordinator, "/").headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(get("/projects/another-project", session(cookie)).statusCode()).isEqualTo(403);
        assertThat(get("/projects/siv", session(cookie)).statusCode()).isEqualTo(200);
    }

    @Test
    void theAssetsNeedNoSession() throws Exception {
        for (String asset : List.of("/assets/css/app.css", "/assets/js/i18n.js", "/assets/js/common.js", "/assets/js/charts.js",
                "/assets/js/dashboard.js", "/assets/js/portfolio.js", "/assets/img/icon.svg")) {
            assertThat(get(asset, null).statusCode()).as(asset).isEqualTo(200);
        }
    }

    private static String session(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.queryUrl() + path)).header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> signIn(String token, String next) throws IOException, InterruptedException {
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
