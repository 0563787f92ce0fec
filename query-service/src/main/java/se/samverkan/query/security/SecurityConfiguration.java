package se.samverkan.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.security.FailedAuthentications;
import se.samverkan.platform.security.Caller;

/**
 * The token filter in front of the API (order 1). What follows from the {@link Caller} it finds (the controllers'
 * Caller argument, ADMIN-only metrics) comes from the platform module's CallerAutoConfiguration.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    public FilterRegistrationBean<AuthenticationFilter> authenticationFilter(AccessTokens tokens, ObjectMapper json,
                                                                             FailedAuthentications failures) {
        FilterRegistrationBean<AuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationFilter(tokens, json, failures));
        registration.addUrlPatterns("/*");
        registration.setOrder(1);
        return registration;
    }
}
