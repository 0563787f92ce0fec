package se.samverkan.query.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the pages the way a person does: the figures shown, by their data-testid. The scenario's
 * expected figures live here once, for the test against the contract sample and the end-to-end one.
 */
final class DashboardPageReader {

    static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Set by the test on the page; a reload would lose it. */
    private static final String MARKER = "window.browserTestMarker";

    private final WebDriver driver;

    DashboardPageReader(WebDriver driver) {
        this.driver = driver;
    }

    static By testid(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    WebElement element(String id) {
        return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(ExpectedConditions.presenceOfElementLocated(testid(id)));
    }

    String text(String id) {
        return element(id).getText().trim();
    }

    void awaitText(String id, String expected) {
        awaitText(id, expected, PATIENCE);
    }

    void awaitText(String id, String expected, Duration timeout) {
        try {
            new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(d -> {
                List<WebElement> found = d.findElements(testid(id));
                return !found.isEmpty() && expected.equals(found.get(0).getText().trim());
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            List<WebElement> found = driver.findElements(testid(id));
            throw new AssertionError("[data-testid=" + id + "] should show '" + expected + "' within " + timeout + " but shows "
                    + (found.isEmpty() ? "nothing (no such element)" : "'" + found.get(0).getText().trim() + "'"), e);
        }
    }

    void click(String id) {
        element(id).click();
    }

    Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    void markThisPage() {
        script(MARKER + " = 'still the same page';");
    }

    boolean isStillTheMarkedPage() {
        return "still the same page".equals(script("return " + MARKER + " || null;"));
    }

    /** The scenario as the dashboard must show it (issue 3's acceptance). */
    void showsTheScenarioFigures(String language) {
        boolean swedish = language.equals("sv");
        awaitText("indicator-organisationer-stod-total", "13");
        assertThat(text("indicator-organisationer-stod-target")).isEqualTo("15");
        assertThat(text("indicator-organisationer-stod-year-2023")).isEqualTo("2");
        assertThat(text("indicator-organisationer-stod-year-2024")).isEqualTo("11");
        assertThat(text("indicator-institutionella-intressenter-total")).isEqualTo("8");
        assertThat(text("indicator-institutionella-intressenter-target")).isEqualTo("10");

        assertThat(element("wp-1-status").getAttribute("data-status")).isEqualTo("DELAYED");
        assertThat(text("wp-1-status")).isEqualTo(swedish ? "Försenat" : "Delayed");
        assertThat(text("wp-1-delay")).isEqualTo(swedish ? "+44 dagar" : "+44 days");
        assertThat(driver.findElement(testid("wp-1")).getText()).contains(swedish ? "14 maj 2024" : "14 May 2024");

        assertThat(text("wp-1-meetings")).isEqualTo("10");
        assertThat(text("wp-1-kind-MAPPING")).isEqualTo("10");
        assertThat(element("wp-1-kind-MAPPING").findElement(By.xpath("..")).getText())
                .contains(swedish ? "Kartläggning 10" : "Mapping 10");

        WebElement pilot = driver.findElement(By.xpath("//li[.//*[contains(@class,'pilot-name') and normalize-space()='Lokala matgemenskaper']]"));
        assertThat(pilot.getAttribute("data-status")).isEqualTo("INCLUDED");
        assertThat(pilot.getText()).contains(swedish ? "Inkluderad" : "Included");
        assertThat(Integer.parseInt(text("pilots-INCLUDED"))).isGreaterThanOrEqualTo(1);

        assertThat(text("project-case-id")).isEqualTo("20363457");
        assertThat(text("project-name")).isEqualTo("Social Innovation Värmland - ett innovationssystem");
        assertThat(driver.findElement(testid("alert-WORK_PACKAGE_DELAYED-1")).getText()).contains(swedish ? "+44 dagar" : "+44 days");
    }

    void switchToSwedishAndSeeSwedishLabels() {
        click("language-sv");
        new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> "sv".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        awaitText("wp-1-status", "Försenat");
        assertThat(driver.findElement(By.id("indicators-heading")).getText()).isEqualTo("Indikatorer mot målvärde");
        assertThat(driver.findElement(By.id("timeline-heading")).getText()).isEqualTo("Arbetspaket: planerat och faktiskt");
        assertThat(driver.findElement(By.id("activities-heading")).getText()).isEqualTo("Aktiviteter över tid");
        assertThat(driver.findElement(By.id("pilots-heading")).getText()).isEqualTo("Piloter per status");
        assertThat(element("language-sv").getAttribute("aria-pressed")).isEqualTo("true");
        showsTheScenarioFigures("sv");
    }

    void isLive() {
        new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> "live".equals(d.findElement(testid("live-status")).getAttribute("data-state")));
    }

    /** Script errors and Content-Security-Policy violations show up as SEVERE console entries. */
    void hasNoConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(entry -> !entry.getMessage().contains("favicon"))
                .toList();
        assertThat(severe).as("errors in the browser console").isEmpty();
    }
}
