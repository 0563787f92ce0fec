package se.samverkan.query.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import se.samverkan.query.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages in headless Chromium against the dashboard JSON contract (the sample in
 * src/test/resources/dashboard-sample, served by {@link ContractSampleServer} with the real page
 * shells, assets and Content-Security-Policy). DashboardBrowserIT does the same against the running
 * platform after the real scenario.
 */
class DashboardRenderingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ContractSampleServer server;
    private static HeadlessChromium chromium;

    private WebDriver driver;
    private DashboardPageReader page;

    @BeforeAll
    static void start() throws IOException {
        server = new ContractSampleServer();
        chromium = HeadlessChromium.start("en-GB");
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshSampleAndNoRememberedLanguage() {
        server.reset();
        driver = chromium.driver();
        driver.get(server.url() + "/assets/css/app.css");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.localStorage.clear();");
        page = new DashboardPageReader(driver);
    }

    @Test
    void theDashboardShowsTheFiguresOfTheContractSampleAndFollowsTheStreamFromItsLastEvent() {
        driver.get(server.url() + "/projects/siv");
        page.showsTheScenarioFigures("en");
        assertThat(page.text("activities-total")).isEqualTo("22");
        assertThat(page.text("participation-other")).isEqualTo("15");
        assertThat(page.text("indicator-organisationer-utvecklar-status")).isEqualTo("Behind");
        assertThat(page.text("alerts-count")).isEqualTo("3");
        assertThat(driver.getTitle()).isEqualTo("Social Innovation Värmland - ett innovationssystem · Samverkan");
        page.isLive();
        assertThat(server.streamRequests()).contains("lastEventId=140");
        page.hasNoConsoleErrors();
    }

    @Test
    void anEventOnTheStreamRedrawsTheFiguresWithoutAReload() throws IOException {
        driver.get(server.url() + "/projects/siv");
        page.awaitText("activities-total", "22");
        page.isLive();
        page.markThisPage();

        server.dashboard(withOneMoreMeetingInWorkPackage2(server.dashboard(), 141));
        server.publish(141, "MeetingHeld");

        page.awaitText("activities-total", "23", Duration.ofSeconds(3));
        assertThat(page.text("wp-2-meetings")).isEqualTo("8");
        assertThat(page.isStillTheMarkedPage()).as("updated in place, not reloaded").isTrue();
        assertThat(page.element("activities-total").getAttribute("class")).contains("just-changed");
        page.hasNoConsoleErrors();
    }

    @Test
    void anEventThatReachesTheStreamBeforeTheReadModelIsFetchedAgainUntilTheReadModelHasIt() throws Exception {
        driver.get(server.url() + "/projects/siv");
        page.awaitText("activities-total", "22");
        page.isLive();
        page.markThisPage();
        String caughtUp = withOneMoreMeetingInWorkPackage2(server.dashboard(), 141);

        server.publish(141, "message"); // unnamed, and the dashboard JSON still says 140
        // the figure stays as it is the whole time, not only at the end of a pause; the page may draw it anew meanwhile
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> page.text("activities-total"), "22"::equals);
        assertThat(page.text("activities-total")).isEqualTo("22");
        server.dashboard(caughtUp);

        page.awaitText("activities-total", "23", Duration.ofSeconds(4));
        assertThat(page.isStillTheMarkedPage()).isTrue();
    }

    @Test
    void theLanguageSwitchShowsSwedishAndIsRememberedAfterAReload() {
        driver.get(server.url() + "/projects/siv");
        page.showsTheScenarioFigures("en");
        page.switchToSwedishAndSeeSwedishLabels();
        assertThat(page.text("alert-INDICATOR_BEHIND-organisationer-utvecklar")).contains("ligger efter");

        driver.navigate().refresh();
        page.awaitText("wp-1-status", "Försenat");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
        page.hasNoConsoleErrors();
    }

    @Test
    void aSwedishBrowserSeesSwedishFirst() {
        try (HeadlessChromium swedish = HeadlessChromium.start("sv-SE")) {
            swedish.driver().get(server.url() + "/projects/siv");
            new DashboardPageReader(swedish.driver()).showsTheScenarioFigures("sv");
        }
    }

    @Test
    void thePortfolioListsTheProjectWithItsIndicatorsAndAlertsAndLinksToItsDashboard() {
        driver.get(server.url() + "/");
        page.awaitText("project-siv-indicator-organisationer-stod", "13 / 15");
        assertThat(page.text("project-link-siv")).isEqualTo("Social Innovation Värmland - ett innovationssystem");
        assertThat(page.text("project-siv-alerts")).contains("Work package 1", "+44 days");
        assertThat(page.text("project-siv-period")).isEqualTo("1 Oct 2023 – 30 Sept 2026");
        page.hasNoConsoleErrors();

        page.click("project-link-siv");
        new WebDriverWait(driver, DashboardPageReader.PATIENCE).until(d -> d.getCurrentUrl().endsWith("/projects/siv"));
        page.awaitText("indicator-organisationer-stod-total", "13");
    }

    /** The sample after one more check-in meeting in work package 2, folded in up to the given event. */
    static String withOneMoreMeetingInWorkPackage2(String dashboardJson, long lastEventIndex) throws IOException {
        ObjectNode dashboard = (ObjectNode) JSON.readTree(dashboardJson);
        dashboard.put("lastEventIndex", lastEventIndex);
        ObjectNode activities = (ObjectNode) dashboard.get("activities");
        activities.put("total", activities.get("total").asInt() + 1);
        activities.put("meetings", activities.get("meetings").asInt() + 1);
        activities.get("byWorkPackage").forEach(entry -> {
            if (entry.get("workPackage").asInt() == 2) {
                ((ObjectNode) entry).put("meetings", entry.get("meetings").asInt() + 1);
                ObjectNode kinds = (ObjectNode) entry.get("byKind");
                kinds.put("CHECK_IN", kinds.get("CHECK_IN").asInt() + 1);
            }
        });
        return JSON.writeValueAsString(dashboard);
    }
}
