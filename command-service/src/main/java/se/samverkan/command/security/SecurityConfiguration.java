package se.samverkan.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.settings.SamverkanSettings;
import se.samverkan.platform.security.FailedAuthentications;
import se.samverkan.platform.security.Caller;

/**
 * The token filter in front of the API (order 1). What follows from the {@link Caller} it finds (the controllers'
 * Caller argument, ADMIN-only metrics) comes from the platform module's CallerAutoConfiguration.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    public FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(AccessTokenDirectory directory,
                                                                       SamverkanSettings settings, ObjectMapper json,
                                                                       FailedAuthentications failures) {
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(directory, settings, json, failures));
        // the metrics too (health stays open): operators scrape them with an ADMIN token
        registration.addUrlPatterns("/api/*", "/actuator/prometheus", "/actuator/info");
        registration.setOrder(1);
        return registration;
    }
}
