package se.samverkan.query.project;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * "Today" for delays and the indicators' linear path. The projects are Swedish, so a day ends at
 * midnight in Stockholm, not UTC. A bean, so a test context can fix it.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    public static final ZoneId PROJECT_ZONE = ZoneId.of("Europe/Stockholm");

    @Bean
    public Clock clock() {
        return Clock.system(PROJECT_ZONE);
    }
}
