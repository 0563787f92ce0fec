package se.samverkan.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
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

import java.io.IOException;
import java.util.List;

/**
 * What follows from the {@link Caller} a service's token filter found (the filter itself, order 1, is the
 * service's): the Caller argument of the controllers, and ADMIN-only metrics (order 2). The caller is not a
 * parameter the client sends, so the OpenAPI document leaves it out.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CallerAutoConfiguration implements WebMvcConfigurer {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /** Metrics are for operators: an ADMIN token, after the token filter identified the caller. */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> metricsNeedAdmin(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
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
                return request.getAttribute(Caller.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            }
        });
    }
}
