package se.samverkan.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** The 429 throttle of failed authentications per client address (samverkan.auth-throttle.*). */
@AutoConfiguration
@Import(FailedAuthentications.class)
public class AuthenticationThrottleAutoConfiguration {
}
