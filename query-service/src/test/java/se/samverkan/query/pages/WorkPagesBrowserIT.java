package se.samverkan.query.pages;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.samverkan.query.support.HeadlessChromium;
import se.samverkan.query.support.Platform;
import se.samverkan.events.testing.OrgNumbers;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 in a real browser: people do their work on the pages, on one origin, with the session cookie.
 */
class WorkPagesBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Platform platform = Platform.get();

    @BeforeAll
    static void scenario() {
        platform.playScenarioOnce();
    }

    @Test
    void aCoordinatorRecordsAMeetingAndSeesItOnTheOpenDashboardWithoutReloading() {
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        platform.awaitQuery("/api/organisations?q=Coompanion", coordinator,
                answer -> answer.status() == 200 && answer.body().contains("769604-7237"), Duration.ofSeconds(30));
        try (HeadlessChromium chromium = HeadlessChromium.start("en-GB")) {
            WebDriver driver = chromium.driver();
            WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
            wait.ignoring(StaleElementReferenceException.class);

            // asked for without a session: to the sign-in page, and back to the page asked for
            String recordPage = platform.queryUrl() + "/projects/siv/activities/new";
            driver.get(recordPage);
            wait.until(d -> d.getCurrentUrl().contains("/sign-in?next="));
            driver.findElement(By.id("token")).sendKeys(coordinator);
            driver.findElement(By.cssSelector(".sign-in-form button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(recordPage));

            // the dashboard, open in another window, is the one that must change by itself
            String recordWindow = driver.getWindowHandle();
            driver.switchTo().newWindow(WindowType.WINDOW);
            driver.get(platform.queryUrl() + "/projects/siv");
            wait.until(d -> "live".equals(d.findElement(testid("live-status")).getAttribute("data-state")));
            int activitiesBefore = Integer.parseInt(text(driver, "activities-total"));
            script(driver, "window.__markedByTest = 'same page';");
            assertThat(driver.findElement(testid("link-activity")).getAttribute("href")).isEqualTo(recordPage);
            String dashboardWindow = driver.getWindowHandle();

            driver.switchTo().window(recordWindow);
            wait.until(d -> "true".equals(d.findElement(By.id("activity-form")).getAttribute("data-ready")));
            showsWordsNotKeys(driver);
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Record a meeting or a workshop");
            new Select(driver.findElement(By.name("workPackage"))).selectByValue("4");
            new Select(driver.findElement(By.name("kind"))).selectByValue("CHECK_IN");
            setDate(driver, "date", "2024-06-12");

            // the API's rule message appears next to the field it names, and nothing is stored
            driver.findElement(testid("activity-save")).click();
            WebElement titleError = wait.until(d -> d.findElement(By.cssSelector("[data-field-error='title']")));
            assertThat(titleError.getText()).isNotBlank();
            assertThat(driver.findElement(By.id("title")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(driver.findElement(By.id("title")).getAttribute("aria-describedby")).isEqualTo(titleError.getAttribute("id"));

            String title = "Avstämning med Coompanion (browser test " + System.nanoTime() + ")";
            driver.findElement(By.id("title")).sendKeys(title);
            driver.findElement(testid("organisation-search")).sendKeys("Coompanion");
            // each keystroke's search answer renders the list again, so the box found may be replaced before the click
            // lands (the choice itself is kept across renders): click the current one until it shows as chosen
            wait.until(d -> {
                WebElement coompanion = d.findElement(By.cssSelector("input[name=organisations][value='769604-7237']"));
                if (!coompanion.isSelected()) {
                    coompanion.click();
                }
                return coompanion.isSelected();
            });
            clear(driver.findElement(By.id("women"))).sendKeys("3");
            clear(driver.findElement(By.id("men"))).sendKeys("2");
            driver.findElement(By.id("notes")).sendKeys("Planerade nästa workshop.");
            driver.findElement(testid("activity-save")).click();

            wait.until(d -> d.findElement(testid("form-status")).getText().contains(title));
            wait.until(d -> d.findElement(testid("recent-activities")).getText().contains(title));
            assertThat(driver.findElements(By.cssSelector("[data-field-error]"))).isEmpty();

            driver.switchTo().window(dashboardWindow);
            wait.until(d -> text(d, "activities-total").equals(String.valueOf(activitiesBefore + 1)));
            assertThat(script(driver, "return window.__markedByTest || null;")).as("updated in place, not reloaded").isEqualTo("same page");
            hasNoConsoleErrors(driver);
        }
        // what the page recorded is what the API stores
        Platform.Answer activities = platform.query("/api/projects/siv/activities?workPackage=4", coordinator);
        assertThat(activities.body()).contains("Coompanion Värmland ekonomisk förening");
    }

    @Test
    void aPartnerCreatesASubscriptionSeesTheSecretOnceAndThenItsDeliveries() throws Exception {
        String partner = platform.issueToken("PARTNER", List.of("siv"));
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/samverkan-hook";
        try (HeadlessChromium chromium = HeadlessChromium.start("en-GB")) {
            WebDriver driver = chromium.driver();
            WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
            wait.ignoring(StaleElementReferenceException.class);
            driver.get(platform.queryUrl() + "/subscriptions");
            wait.until(d -> d.getCurrentUrl().contains("/sign-in?next="));
            driver.findElement(By.id("token")).sendKeys(partner);
            driver.findElement(By.cssSelector(".sign-in-form button[type=submit]")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("subscriptions-page")).getAttribute("data-ready")));
            showsWordsNotKeys(driver);

            driver.findElement(By.id("url")).sendKeys(url);
            driver.findElement(By.cssSelector("input[name=projects][value=siv]")).click();
            driver.findElement(By.cssSelector("input[name=eventTypes][value=MeetingHeld]")).click();
            driver.findElement(testid("subscription-create")).click();
            String secret = wait.until(d -> {
                String shown = d.findElement(testid("secret")).getText();
                return shown.startsWith("whsec_") ? shown : null;
            });
            assertThat(driver.findElement(testid("copy-secret")).isDisplayed()).isTrue();
            WebElement listed = wait.until(d -> d.findElement(By.cssSelector("[data-testid=subscription-list] li[data-testid^=subscription-]")));
            assertThat(listed.getText()).contains(url).doesNotContain(secret);
            String subscriptionId = listed.getAttribute("data-testid").substring("subscription-".length());

            Platform.Answer meeting = platform.command("POST", "/api/projects/siv/meetings", coordinator, java.util.Map.of(
                    "workPackage", 4, "kind", "FOLLOW_UP", "date", "2024-06-13", "title", "Uppföljning (subscription browser test)",
                    "organisations", List.of(), "participants", java.util.Map.of("women", 1, "men", 0, "other", 0), "notes", ""));
            assertThat(meeting.status()).as(meeting.body()).isEqualTo(201);

            // the log is read when asked for; ask until the delivery is in it
            wait.until(d -> {
                d.findElement(testid("show-deliveries-" + subscriptionId)).click();
                String log = d.findElement(testid("deliveries-" + subscriptionId)).getText();
                return log.contains("MeetingHeld") && log.contains("HTTP 204");
            });
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            fitsTheWindow(driver);
            hasNoConsoleErrors(driver);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aCoordinatorRegistersAnOrganisationCheckedAsTypedAndAddsItAsPartner() {
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        String number = OrgNumbers.randomSwedish();
        String wrongCheckDigit = number.substring(0, 10) + ((number.charAt(10) - '0' + 1) % 10);
        try (HeadlessChromium chromium = HeadlessChromium.start("sv-SE")) {
            WebDriver driver = chromium.driver();
            WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
            wait.ignoring(StaleElementReferenceException.class);
            driver.get(platform.queryUrl() + "/projects/siv/manage");
            wait.until(d -> d.getCurrentUrl().contains("/sign-in?next="));
            driver.findElement(By.id("token")).sendKeys(coordinator);
            driver.findElement(By.cssSelector(".sign-in-form button[type=submit]")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("manage-page")).getAttribute("data-ready")));
            showsWordsNotKeys(driver);
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Organisationer, arbetspaket, piloter och utfall");

            WebElement orgNumber = driver.findElement(testid("org-number"));
            orgNumber.sendKeys(wrongCheckDigit);
            wait.until(d -> text(d, "org-number-check").contains("Kontrollsiffran stämmer inte"));
            clear(orgNumber).sendKeys(number.replace("-", ""));
            wait.until(d -> text(d, "org-number-check").equals("Numret är giltigt."));
            driver.findElement(By.id("name")).sendKeys("Prov & <Förening> " + number);
            new Select(driver.findElement(By.id("category"))).selectByValue("CIVIL_SOCIETY");
            driver.findElement(testid("organisation-save")).click();
            wait.until(d -> text(d, "organisation-status").equals("Organisationen är registrerad."));

            // the register shows it at once: it can be picked as a partner, and its name stays text
            WebElement partnerForm = wait.until(d -> d.findElement(testid("partner-form")));
            wait.until(d -> !d.findElements(By.cssSelector("[data-testid=partner-form] option[value='" + number + "']")).isEmpty());
            new Select(driver.findElement(testid("partner-form")).findElement(By.name("orgNumber"))).selectByValue(number);
            driver.findElement(testid("partner-form")).findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(d -> d.findElement(By.id("partners-heading")).findElement(By.xpath("..")).getText()
                    .contains("Prov & <Förening> " + number));
            assertThat(partnerForm).isNotNull();
            hasNoConsoleErrors(driver);

            // a phone's width: the pages wrap instead of making the reader scroll sideways
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            driver.get(platform.queryUrl() + "/projects/siv/manage");
            wait.until(d -> "true".equals(d.findElement(By.id("manage-page")).getAttribute("data-ready")));
            fitsTheWindow(driver);
            driver.get(platform.queryUrl() + "/projects/siv/activities/new");
            wait.until(d -> "true".equals(d.findElement(By.id("activity-form")).getAttribute("data-ready")));
            fitsTheWindow(driver);
            // one column of fields, each as tall as its label and control: no empty stretches between them
            Number gap = (Number) script(driver, "return document.getElementById('kind').getBoundingClientRect().top"
                    + " - document.getElementById('workPackage').getBoundingClientRect().bottom;");
            assertThat(gap.doubleValue()).as("space between the work package and the kind of meeting at a phone's width").isLessThan(80);
        }
    }

    static void fitsTheWindow(WebDriver driver) {
        Number pageWidth = (Number) script(driver, "return document.documentElement.scrollWidth;");
        Number windowWidth = (Number) script(driver, "return document.documentElement.clientWidth;");
        Object widest = script(driver, "const w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('body *'))"
                + ".filter((e) => e.getBoundingClientRect().right > w + 1).slice(-5)"
                + ".map((e) => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');");
        assertThat(pageWidth.intValue()).as("page width at " + driver.getCurrentUrl() + "; too wide: " + widest)
                .isLessThanOrEqualTo(windowWidth.intValue());
    }

    /** Every text the page's markup names by key (data-i18n) shows in words, not as its key. */
    static void showsWordsNotKeys(WebDriver driver) {
        Object keys = script(driver, "return Array.from(document.querySelectorAll('[data-i18n]'))"
                + ".filter((e) => e.getAttribute('data-i18n') && e.textContent.trim() === e.getAttribute('data-i18n'))"
                + ".map((e) => e.getAttribute('data-i18n')).join(', ');");
        assertThat(keys).as("texts shown as their keys at " + driver.getCurrentUrl()).isEqualTo("");
    }

    static By testid(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    static String text(WebDriver driver, String testid) {
        return driver.findElement(testid(testid)).getText().trim();
    }

    static Object script(WebDriver driver, String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    static WebElement clear(WebElement input) {
        input.clear();
        return input;
    }

    /** Date inputs take keys in the browser's locale order; setting the value is the same for every locale. */
    static void setDate(WebDriver driver, String name, String isoDate) {
        script(driver, "const e = document.getElementsByName(arguments[0])[0]; e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", name, isoDate);
    }

    /** Script and CSP errors; the 4xx answers the test provokes on purpose are logged by the browser as well and are not errors of the page. */
    static void hasNoConsoleErrors(WebDriver driver) {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(entry -> !entry.getMessage().contains("favicon"))
                .filter(entry -> !entry.getMessage().matches("(?s).*status of 4\\d\\d.*"))
                .toList();
        assertThat(severe).as("errors in the browser console").isEmpty();
    }
}
