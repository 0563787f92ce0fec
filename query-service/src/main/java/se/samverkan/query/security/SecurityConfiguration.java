package se.samverkan.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import se.samverkan.events.security.Role;
import se.samverkan.platform.web.Problems;
import se.samverkan.platform.security.FailedAuthentications;

import java.io.IOException;
import java.util.List;

/**
 * Who calls: the token filter in front of the API, ADMIN-only metrics, and the {@link Caller} argument of the
 * controllers. The caller is what the filter found, not a parameter the client sends, so the OpenAPI document leaves it out.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }


    @Bean
    public FilterRegistrationBean<AuthenticationFilter> authenticationFilter(AccessTokens tokens, ObjectMapper json,
                                                                             FailedAuthentications failures) {
        FilterRegistrationBean<AuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationFilter(tokens, json, failures));
        registration.addUrlPatterns("/*");
        registration.setOrder(1);
        return registration;
    }

    /** Metrics are for operators: an ADMIN token. */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> metricsNeedAdmin(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Caller caller = (Caller) request.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE);
                if (caller == null || caller.role() != Role.ADMIN) {
                    Problems.write(response, json, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                            "Metrics need an ADMIN token."));
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/actuator/prometheus", "/actuator/info");
        registration.setOrder(2);
        return registration;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binderFactory) {
                return request.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            }
        });
    }
}
