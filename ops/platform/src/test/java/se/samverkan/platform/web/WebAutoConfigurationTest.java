package se.samverkan.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

class WebAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withPropertyValues("spring.mvc.problemdetails.enabled=true")
            .withConfiguration(AutoConfigurations.of(WebAutoConfiguration.class, WebMvcAutoConfiguration.class,
                    JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class));

    @Test
    void theSharedRulesAndTheOneProblemHandlerAreThere() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(DatabaseOutageFilter.class).hasSingleBean(PathVariableRules.class)
                    .hasSingleBean(RequestBodyRules.class).hasSingleBean(TomcatErrorsAsProblems.class);
            // Spring Boot's own problem-details handler stands back: one handler answers every error
            assertThat(context.getBeansOfType(ResponseEntityExceptionHandler.class).values())
                    .singleElement().isExactlyInstanceOf(ProblemHandler.class);
        });
    }

    @Test
    void aServicesSubclassReplacesThePlatformsProblemHandler() {
        runner.withUserConfiguration(ServiceProblems.class).run(context ->
                assertThat(context.getBeansOfType(ResponseEntityExceptionHandler.class).values())
                        .singleElement().isExactlyInstanceOf(ServiceProblemHandler.class));
    }

    static class ServiceProblemHandler extends ProblemHandler {
    }

    @Configuration(proxyBeanMethods = false)
    static class ServiceProblems {
        @Bean
        ServiceProblemHandler serviceProblemHandler() {
            return new ServiceProblemHandler();
        }
    }
}
