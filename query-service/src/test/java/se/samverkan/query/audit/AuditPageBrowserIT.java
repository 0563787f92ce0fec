package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.samverkan.events.report.QuestionCatalogue;
import se.samverkan.query.support.HeadlessChromium;
import se.samverkan.query.support.Platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** An auditor reads a report's trail in the browser: verification, a receipt, an earlier version, Swedish. */
class AuditPageBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final Platform platform = Platform.get();

    @Test
    void anAuditorSeesTheTimelineTheStateAsFirstSubmittedAndTheProof() {
        platform.playScenarioOnce();
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        String auditor = platform.issueToken("AUDITOR", List.of("siv"));
        String report = "page-" + UUID.randomUUID().toString().substring(0, 8);
        send(201, "POST", "/api/projects/siv/reports", coordinator,
                Map.of("id", report, "number", 300_000 + (int) (Math.random() * 100_000), "periodStart", "2024-06-01", "periodEnd", "2024-09-30"));
        for (String key : QuestionCatalogue.mandatoryKeys()) {
            send(200, "PUT", "/api/reports/" + report + "/answers/" + key, coordinator, Map.of("answer", "NO", "text", "First text of " + key));
        }
        JsonNode receipt = send(200, "POST", "/api/reports/" + report + "/submission", coordinator, Map.of("signatory", "Anna Andersson"));
        send(200, "POST", "/api/reports/" + report + "/return", auditor, Map.of("reason", "Please elaborate."));
        send(200, "PUT", "/api/reports/" + report + "/answers/communication", coordinator, Map.of("answer", "YES", "text", "Edited after return"));
        int events = QuestionCatalogue.mandatoryKeys().size() + 4;

        try (HeadlessChromium chromium = HeadlessChromium.start("en-GB")) {
            WebDriver driver = chromium.driver();
            // the page redraws whole panels, so an element found a moment ago may be replaced: look again then
            WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
            wait.ignoring(StaleElementReferenceException.class);
            driver.get(platform.queryUrl() + "/reports/" + report + "/history");
            wait.until(d -> d.getCurrentUrl().contains("/sign-in?next="));
            driver.findElement(By.id("token")).sendKeys(auditor);
            driver.findElement(By.cssSelector(".sign-in-form button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/reports/" + report + "/history"));

            WebElement verdict = wait.until(d -> d.findElement(By.cssSelector("[data-testid=verification]")));
            assertThat(verdict.getAttribute("data-valid")).isEqualTo("true");
            assertThat(verdict.getText()).contains("intact").contains(String.valueOf(events));
            assertThat(driver.findElement(By.cssSelector("[data-testid=report-status]")).getText()).isEqualTo("Returned");
            List<WebElement> timeline = driver.findElements(By.cssSelector("[data-testid=audit-timeline] > li"));
            assertThat(timeline).hasSize(events);
            assertThat(timeline.get(events - 1).getText()).contains("Question answered").contains("answers.communication.text")
                    .contains("Edited after return").contains("COORDINATOR");
            assertThat(driver.findElements(By.cssSelector("[data-testid=audit-timeline] > li.lifecycle"))).hasSize(3);

            new Select(driver.findElement(By.cssSelector("[data-testid=version-picker]"))).selectByValue(receipt.get("version").asText());
            wait.until(d -> d.findElement(By.cssSelector("[data-testid=state-status]")).getText().equals("Submitted"));
            assertThat(driver.findElement(By.cssSelector("[data-question=communication] .answer-text")).getText())
                    .isEqualTo("First text of communication");

            driver.findElement(By.cssSelector("[data-testid=receipt-version]")).sendKeys(receipt.get("version").asText());
            driver.findElement(By.cssSelector("[data-testid=receipt-chain-head]")).sendKeys(receipt.get("chainHead").asText());
            driver.findElement(By.cssSelector("[data-testid=receipt-check]")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("receipt-result")).getAttribute("data-matches")));

            assertThat(driver.findElement(By.cssSelector("[data-testid=audit-export]")).getAttribute("href"))
                    .endsWith("/api/reports/" + report + "/audit-trail");

            driver.findElement(By.cssSelector("[data-testid=language-sv]")).click();
            wait.until(d -> d.findElement(By.id("timeline-heading")).getText().equals("Vem ändrade vad, och när"));
            assertThat(driver.findElement(By.cssSelector("[data-testid=verification]")).getText()).contains("oförändrad");
            assertThat(driver.findElement(By.cssSelector("[data-testid=report-status]")).getText()).isEqualTo("Återsänd");

            assertThat(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .filter(entry -> !entry.getMessage().contains("favicon")).toList())
                    .as("errors in the browser console").isEmpty();
        }
    }

    private JsonNode send(int status, String method, String path, String token, Object body) {
        Platform.Answer answer = platform.command(method, path, token, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer.json();
    }
}
