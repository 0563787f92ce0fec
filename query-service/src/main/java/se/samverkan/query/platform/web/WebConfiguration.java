package se.samverkan.query.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.web.RequestSizeLimitFilter;

/** The 1 MiB body limit on this service's paths; the other web rules come from the platform module. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ObjectMapper json) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(json));
        registration.addUrlPatterns("/*");
        registration.setOrder(3);
        return registration;
    }
}
