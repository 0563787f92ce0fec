package se.samverkan.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import se.samverkan.platform.input.InputRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The input rules for ids in the path ({@code /api/subscriptions/{subscriptionId}}, {@code /reports/{reportId}}...):
 * one line of at most 200 characters without control characters, non-characters or slashes, else 422
 * naming the path variable. (Paths Tomcat refuses before Spring, such as %2F or %00, answer 400 problem+json.)
 */
public class PathVariableRules implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null) {
            return true;
        }
        List<InputRules.Problem> problems = new ArrayList<>();
        variables.forEach((name, value) -> InputRules.pathProblemWith(value)
                .ifPresent(message -> problems.add(new InputRules.Problem(name, "in the path " + message))));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return true;
    }
}
