package se.samverkan.query.platform;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.axonframework.updates.UpdateChecker;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon's update checker reports to AxonIQ's servers; both services switch it off in their settings
 * (axon.update-check.disabled in command-service.yml and query-service.yml). Axon leaves the checker out
 * when it sees a test framework on the calling thread's stack, so the contexts here are started on a
 * thread of their own, as in production. Nothing here touches the network: a disabled checker never
 * schedules a request. ("usagePropertyProvider" is the combination the checker reads: system property, these settings,
 * AXONIQ_UPDATE_CHECKER_DISABLED, ~/.axoniq, in that order.)
 */
class UpdateCheckOffTest {

    @ParameterizedTest
    @ValueSource(strings = {"command-service", "query-service"})
    void theServiceSettingsSwitchAxonsUpdateCheckerOff(String service) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        boolean disabled = inOwnThread(service, context -> {
            // after the start: Spring Boot sets logging up afresh when a context starts
            Logger checkerLog = (Logger) LoggerFactory.getLogger(UpdateChecker.class);
            log.start();
            checkerLog.addAppender(log);
            try {
                UpdateChecker checker = context.getBean(UpdateChecker.class);
                checker.start();
                checker.stop();
                return context.getBean("usagePropertyProvider", UsagePropertyProvider.class).getDisabled();
            } finally {
                checkerLog.detachAppender(log);
            }
        });
        assertThat(disabled).isTrue();
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(message -> message.startsWith("You have opted out of the AxonIQ UpdateChecker"))
                .noneMatch(message -> message.contains("will be checked for updates periodically"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-service", "query-service"})
    void itIsTheSettingThatSwitchesItOff(String service) throws Exception {
        // the checker is not started here: switched on, it would call AxonIQ
        Boolean disabled = inOwnThread(service, context -> context.getBean("usagePropertyProvider", UsagePropertyProvider.class).getDisabled(),
                "--axon.update-check.disabled=false");
        assertThat(disabled).isFalse();
    }

    private static <T> T inOwnThread(String service, Function<ConfigurableApplicationContext, T> check, String... arguments)
            throws InterruptedException, ExecutionException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UpdateCheckerAutoConfiguration.class)
                    .web(WebApplicationType.NONE).properties("spring.config.name=" + service).run(arguments)) {
                result.complete(check.apply(context));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "update-check-" + service);
        thread.start();
        return result.get();
    }
}
