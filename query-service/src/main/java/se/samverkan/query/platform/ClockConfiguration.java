package se.samverkan.query.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * "Now" and "today" (for delays and the indicators' linear path) come from this clock, so tests can
 * fix it. The projects are Swedish, so a day ends at midnight in Stockholm, not UTC.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    public static final ZoneId PROJECT_ZONE = ZoneId.of("Europe/Stockholm");

    @Bean
    public Clock clock() {
        return Clock.system(PROJECT_ZONE);
    }
}
