package se.samverkan.query.pages;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.samverkan.query.support.HeadlessChromium;
import se.samverkan.query.support.Platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.query.pages.WorkPagesBrowserIT.fitsTheWindow;
import static se.samverkan.query.pages.WorkPagesBrowserIT.hasNoConsoleErrors;
import static se.samverkan.query.pages.WorkPagesBrowserIT.setDate;
import static se.samverkan.query.pages.WorkPagesBrowserIT.showsWordsNotKeys;
import static se.samverkan.query.pages.WorkPagesBrowserIT.testid;
import static se.samverkan.query.pages.WorkPagesBrowserIT.text;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;
import static se.samverkan.query.support.Platform.expect;

/**
 * A progress report's whole round in the browser, on a project of its own: the coordinator starts and
 * writes the report and submits it, the auditor finds it in the inbox and returns it with a reason,
 * the coordinator changes it and submits again, the auditor approves, and the history shows both
 * submissions, their receipts and the diff between them; the printable view shows the report as submitted.
 */
class ReportPagesBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final List<String> MANDATORY = List.of("signatory-changed", "vat-as-cost", "revenue", "purchase-agreements",
            "depreciation", "in-kind-contributions", "inclusive-culture", "target-group-involvement", "communication",
            "external-collaboration", "organisation-changes");
    private static final Platform platform = Platform.get();
    private static final String PROJECT = "pages-" + UUID.randomUUID().toString().substring(0, 8);
    private static String coordinator;
    private static String auditor;

    @BeforeAll
    static void aProjectOfItsOwn() {
        String beneficiary = randomSwedish();
        expect(201, platform.command("POST", "/api/organisations", Platform.ADMIN_TOKEN, Map.of("orgNumber", beneficiary,
                "name", "Föreningen Rapportprov", "country", "SE", "category", "CIVIL_SOCIETY")));
        expect(201, platform.command("POST", "/api/projects", Platform.ADMIN_TOKEN, Map.of("id", PROJECT, "caseId", "case-" + PROJECT,
                "name", "Rapportprov " + PROJECT, "programme", "ERUF", "periodStart", "2024-01-01", "periodEnd", "2026-12-31",
                "beneficiaryOrgNumber", beneficiary)));
        expect(201, platform.command("POST", "/api/projects/" + PROJECT + "/work-packages", Platform.ADMIN_TOKEN, Map.of("number", 1,
                "name", "Kartläggning", "plannedStart", "2024-01-01", "plannedEnd", "2024-12-31")));
        coordinator = platform.issueToken("COORDINATOR", List.of(PROJECT));
        auditor = platform.issueToken("AUDITOR", List.of(PROJECT));
        platform.awaitQuery("/api/projects/" + PROJECT, coordinator,
                answer -> answer.status() == 200 && answer.body().contains("Kartläggning"), Duration.ofSeconds(30));
    }

    @Test
    void aReportIsWrittenSubmittedReturnedResubmittedAndApproved() {
        try (HeadlessChromium chromium = HeadlessChromium.start("en-GB")) {
            WebDriver driver = chromium.driver();
            WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
            wait.ignoring(StaleElementReferenceException.class);

            // the coordinator starts report 1 from the project's reports page
            signIn(driver, wait, "/projects/" + PROJECT + "/reports", coordinator);
            wait.until(d -> !d.findElement(testid("new-report-form")).getAttribute("class").isEmpty()
                    && d.findElement(testid("new-report-form")).isDisplayed());
            assertThat(driver.findElement(By.name("number")).getAttribute("value")).isEqualTo("1");
            setDate(driver, "periodEnd", "2024-06-30");
            driver.findElement(testid("new-report-save")).click();
            wait.until(d -> d.getCurrentUrl().matches(".*/reports/[0-9a-f-]{36}$"));
            String reportUrl = driver.getCurrentUrl();
            awaitReady(wait);
            showsWordsNotKeys(driver);
            assertThat(text(driver, "report-status")).contains("Draft");
            assertThat(driver.findElements(By.cssSelector("[data-testid=missing-list] li"))).hasSize(MANDATORY.size());
            assertThat(text(driver, "group-general")).contains("authorised signatory");

            // every mandatory question, with the funder's wording, then a narrative for the work package
            for (String key : MANDATORY) {
                driver.findElement(By.id("answer-" + key + "-NO")).click();
                driver.findElement(testid("save-" + key)).click();
                wait.until(d -> d.findElement(testid("question-" + key)).findElement(By.cssSelector("[data-form-status]")).getText().equals("Saved."));
            }
            wait.until(d -> text(d, "missing-list").contains("can be submitted"));
            driver.findElement(By.id("result-1")).sendKeys("Tjugo organisationer kartlagda.");
            driver.findElement(By.id("obstacles-1")).sendKeys("Svårt att nå företagen före sommaren.");
            // switching the language redraws the questions in Swedish and keeps what is typed but not saved yet
            driver.findElement(testid("language-sv")).click();
            wait.until(d -> text(d, "group-general").contains("firmatecknare"));
            assertThat(driver.findElement(By.id("result-1")).getAttribute("value")).isEqualTo("Tjugo organisationer kartlagda.");
            showsWordsNotKeys(driver);
            driver.findElement(testid("language-en")).click();
            wait.until(d -> text(d, "group-general").contains("authorised signatory"));
            driver.findElement(testid("save-narrative-1")).click();
            wait.until(d -> d.findElement(testid("narrative-1")).findElement(By.cssSelector("[data-form-status]")).getText().equals("Saved."));

            submit(driver, wait, "Anna Andersson");
            String firstVersion = text(driver, "receipt-version");
            String firstChainHead = text(driver, "receipt-chain-head");
            assertThat(firstChainHead).matches("[0-9a-f]{64}");
            assertThat(driver.findElement(testid("receipt-download")).getAttribute("href")).startsWith("blob:");
            signOut(driver, wait);

            // the auditor finds it in the inbox and returns it with a reason
            signIn(driver, wait, "/reviews", auditor);
            String reportId = reportUrl.substring(reportUrl.lastIndexOf('/') + 1);
            wait.until(d -> d.findElement(testid("review-" + reportId))).findElement(By.tagName("a")).click();
            awaitReady(wait);
            driver.findElement(By.id("reason")).sendKeys("Svaret om moms behöver en förklaring.");
            driver.findElement(testid("return-report")).click();
            wait.until(d -> text(d, "report-status").contains("Returned"));
            signOut(driver, wait);

            // the coordinator sees why, changes the answer and submits again
            signIn(driver, wait, reportUrl.substring(platform.queryUrl().length()), coordinator);
            awaitReady(wait);
            assertThat(text(driver, "decision-text")).contains("Svaret om moms behöver en förklaring.");
            driver.findElement(By.id("text-vat-as-cost")).sendKeys("Momsen återsöks, den redovisas inte som kostnad.");
            driver.findElement(testid("save-vat-as-cost")).click();
            wait.until(d -> d.findElement(testid("question-vat-as-cost")).findElement(By.cssSelector("[data-form-status]")).getText().equals("Saved."));
            submit(driver, wait, "Anna Andersson");
            String secondVersion = text(driver, "receipt-version");
            String secondChainHead = text(driver, "receipt-chain-head");
            assertThat(Integer.parseInt(secondVersion)).isGreaterThan(Integer.parseInt(firstVersion));
            signOut(driver, wait);

            // the auditor approves with a comment; the page shows the receipt the submission answered
            signIn(driver, wait, reportUrl.substring(platform.queryUrl().length()), auditor);
            awaitReady(wait);
            assertThat(text(driver, "receipt-version")).isEqualTo(secondVersion);
            assertThat(text(driver, "receipt-chain-head")).as("the receipt as the submission answered it").isEqualTo(secondChainHead);
            driver.findElement(By.id("comment")).sendKeys("Godkänd.");
            driver.findElement(testid("approve-report")).click();
            wait.until(d -> text(d, "report-status").contains("Approved"));
            assertThat(driver.findElements(By.cssSelector("#report-body form"))).as("an approved report is read only").isEmpty();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            fitsTheWindow(driver);

            driver.findElement(testid("history-link")).click();
            WebElement timeline = wait.until(d -> d.findElement(testid("audit-timeline")));
            wait.until(d -> timeline.getText().contains("Approved"));
            assertThat(timeline.getText().split("Submitted", -1)).as("two submissions in the history").hasSize(3);
            wait.until(d -> "true".equals(d.findElement(By.id("audit")).getAttribute("data-ready")));
            showsWordsNotKeys(driver);

            // both submissions with their receipts, and what changed between them
            assertThat(text(driver, "submission-" + firstVersion)).contains(firstChainHead);
            assertThat(text(driver, "submission-" + secondVersion)).contains(secondChainHead);
            assertThat(text(driver, "diff-summary")).contains("Version " + firstVersion + " → version " + secondVersion);
            WebElement changedText = driver.findElement(By.cssSelector("[data-testid=diff-changes] tr[data-field='answers.vat-as-cost.text']"));
            assertThat(changedText.getText()).contains("VAT").contains("Momsen återsöks, den redovisas inte som kostnad.");
            assertThat(driver.findElements(By.cssSelector("[data-testid=diff-changes] tr[data-field]"))).as("only what the coordinator changed")
                    .hasSize(1);
            // another pair of versions, chosen on the form
            new org.openqa.selenium.support.ui.Select(driver.findElement(testid("diff-from"))).selectByValue("1");
            driver.findElement(testid("diff-compare")).click();
            wait.until(d -> text(d, "diff-summary").startsWith("Version 1 → version " + secondVersion));
            assertThat(text(driver, "diff-changes")).contains("Tjugo organisationer kartlagda.");
            fitsTheWindow(driver);

            // the printable view as submitted the second time: the answers, the receipt, the verdict
            driver.get(platform.queryUrl() + "/reports/" + reportId + "/print?version=" + secondVersion);
            wait.until(d -> "true".equals(d.findElement(By.id("print-page")).getAttribute("data-ready")));
            showsWordsNotKeys(driver);
            assertThat(text(driver, "print-group-general")).contains("authorised signatory");
            assertThat(text(driver, "print-group-methods")).isNotBlank();
            assertThat(text(driver, "print-receipt-chain-head")).isEqualTo(secondChainHead);
            assertThat(text(driver, "print-verdict")).contains("intact");
            hasNoConsoleErrors(driver);
        }
        // what the pages did is what the API tells
        Platform.Answer report = platform.query("/api/projects/" + PROJECT + "/reports", coordinator);
        assertThat(report.json().get(0).path("status").asText()).isEqualTo("APPROVED");
    }

    private static void signIn(WebDriver driver, WebDriverWait wait, String path, String token) {
        driver.get(platform.queryUrl() + path);
        wait.until(d -> d.getCurrentUrl().contains("/sign-in?next="));
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector(".sign-in-form button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().equals(platform.queryUrl() + path));
    }

    /** The sign-out form posts with the CSRF token the pages add to it. */
    private static void signOut(WebDriver driver, WebDriverWait wait) {
        driver.findElement(By.cssSelector("form.sign-out button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/sign-in"));
    }

    private static void awaitReady(WebDriverWait wait) {
        wait.until(d -> "true".equals(d.findElement(By.id("report-page")).getAttribute("data-ready")));
    }

    private static void submit(WebDriver driver, WebDriverWait wait, String signatory) {
        WebElement field = driver.findElement(By.id("signatory"));
        field.clear();
        field.sendKeys(signatory);
        driver.findElement(testid("submit-report")).click();
        wait.until(d -> d.findElement(testid("receipt")).isDisplayed() && text(d, "report-status").contains("Submitted"));
    }
}
