package se.samverkan.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import se.samverkan.query.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.samverkan.query.support.Platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's browser acceptance: headless Chromium signs in as the scenario's coordinator, reads the
 * scenario's figures off the live dashboard, sees a meeting recorded through the command API appear
 * without a reload, reads it in Swedish, and finds the project in the portfolio.
 */
class DashboardBrowserIT {

    /** How long the test waits for the page to change; the lag itself is printed and measured in ReadModelsLagIT. */
    private static final Duration LIVE_UPDATE_PATIENCE = Duration.ofSeconds(10);

    private final Platform platform = Platform.get();

    @Test
    void theCoordinatorSeesTheScenarioOnTheLiveDashboardAndANewMeetingWithoutAReload() {
        platform.playScenarioOnce();
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        // read models are eventually consistent: start once the dashboard JSON has caught up with the scenario
        platform.awaitQuery("/api/projects/siv/dashboard", coordinator,
                answer -> answer.status() == 200 && hasTheScenarioFigures(answer.json()), Duration.ofSeconds(30));

        try (HeadlessChromium chromium = HeadlessChromium.start("en-GB")) {
            WebDriver driver = chromium.driver();
            DashboardPageReader page = new DashboardPageReader(driver);
            WebDriverWait wait = new WebDriverWait(driver, DashboardPageReader.PATIENCE);
            wait.ignoring(StaleElementReferenceException.class);

            driver.get(platform.queryUrl() + "/projects/siv");
            wait.until(d -> d.getCurrentUrl().contains("/sign-in?next="));
            driver.findElement(By.id("token")).sendKeys(coordinator);
            driver.findElement(By.cssSelector(".sign-in-form button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(platform.queryUrl() + "/projects/siv"));

            page.showsTheScenarioFigures("en");
            page.isLive();
            int activitiesBefore = Integer.parseInt(page.text("activities-total"));
            int checkInsBefore = driver.findElements(DashboardPageReader.testid("wp-4-kind-CHECK_IN")).isEmpty()
                    ? 0 : Integer.parseInt(page.text("wp-4-kind-CHECK_IN"));
            page.markThisPage();

            Instant sent = Instant.now();
            Platform.Answer recorded = platform.command("POST", "/api/projects/siv/meetings", coordinator, Map.of(
                    "id", "browser-it-" + UUID.randomUUID().toString().substring(0, 8),
                    "workPackage", 4, "kind", "CHECK_IN", "date", "2024-06-10",
                    "title", "Avstämning i projektgruppen (browser test)", "organisations", List.of(),
                    "participants", Map.of("women", 0, "men", 0, "other", 0), "notes", ""));
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);

            page.awaitText("activities-total", String.valueOf(activitiesBefore + 1), LIVE_UPDATE_PATIENCE);
            Duration lag = Duration.between(sent, Instant.now());
            System.out.println("DashboardBrowserIT: the new meeting was on the page " + lag.toMillis() + " ms after the command was sent");
            assertThat(page.text("wp-4-kind-CHECK_IN")).isEqualTo(String.valueOf(checkInsBefore + 1));
            assertThat(page.isStillTheMarkedPage()).as("the page updated in place, without a reload").isTrue();

            page.switchToSwedishAndSeeSwedishLabels();
            page.hasNoConsoleErrors();

            driver.get(platform.queryUrl() + "/");
            page.awaitText("project-link-siv", "Social Innovation Värmland - ett innovationssystem");
            page.awaitText("project-siv-indicator-organisationer-stod", "13 / 15");
            assertThat(page.text("project-siv-alerts")).contains("Arbetspaket 1", "+44 dagar");
            page.hasNoConsoleErrors();
        }
    }

    private static boolean hasTheScenarioFigures(JsonNode dashboard) {
        JsonNode indicators = dashboard.path("indicators");
        return total(indicators, "organisationer-stod") == 13 && total(indicators, "institutionella-intressenter") == 8
                && StreamSupport.stream(dashboard.path("workPackages").spliterator(), false)
                .anyMatch(wp -> wp.path("number").asInt() == 1 && "DELAYED".equals(wp.path("status").asText()))
                && dashboard.path("pilots").path("byStatus").path("INCLUDED").asInt() >= 1;
    }

    private static int total(JsonNode indicators, String code) {
        return StreamSupport.stream(indicators.spliterator(), false)
                .filter(indicator -> code.equals(indicator.path("code").asText()))
                .mapToInt(indicator -> indicator.path("total").asInt()).findFirst().orElse(-1);
    }
}
