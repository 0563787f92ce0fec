package se.samverkan.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The web rules both services share: every error as problem+json (Spring MVC's, Tomcat's own and a database
 * outage's), and DESIGN.md's input rules for path variables and request bodies. Which paths get the 1 MiB
 * {@link RequestSizeLimitFilter} each service registers itself. Before Spring Boot's MVC configuration, so that
 * its own problem-details handler stands back for {@link ProblemHandler}.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({DatabaseOutageFilter.class, TomcatErrorsAsProblems.class, PathVariableRules.class, RequestBodyRules.class})
public class WebAutoConfiguration {

    /** A service with exceptions of its own declares a subclass as a bean (a @RestControllerAdvice) instead. */
    @Bean
    @ConditionalOnMissingBean(ProblemHandler.class)
    public ProblemHandler problemHandler() {
        return new ProblemHandler();
    }
}
