package se.samverkan.query.platform.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Read-your-writes on the query service: the Samverkan-Min-Position filter and the progress wake-ups it waits on. */
@Configuration(proxyBeanMethods = false)
public class ConsistencyConfiguration {

    private static final String WAKE_REGISTERED = ConsistencyConfiguration.class.getName() + ".wakeRegistered";

    /** After authentication (order 1) and the metrics check (2). */
    @Bean
    public FilterRegistrationBean<MinPositionFilter> minPositionFilter(ProcessedPositions positions, ConsistencySettings settings,
                                                                       ObjectMapper json) {
        FilterRegistrationBean<MinPositionFilter> registration =
                new FilterRegistrationBean<>(new MinPositionFilter(positions, settings, json));
        registration.addUrlPatterns("/*");
        registration.setOrder(5);
        return registration;
    }

    /**
     * Wakes the waiting reads when a processor's batch is done. At clean-up, which comes after Axon's own
     * after-commit step that advances the processor's status, so a woken read sees the new position.
     */
    @Bean
    public ConfigurerModule wakeReadsOnProgress(ProcessedPositions positions) {
        MessageHandlerInterceptor<EventMessage<?>> interceptor = (unitOfWork, chain) -> {
            UnitOfWork<?> batch = unitOfWork.root();
            if (batch.resources().putIfAbsent(WAKE_REGISTERED, Boolean.TRUE) == null) {
                batch.onCleanup(u -> positions.progressed());
            }
            return chain.proceed();
        };
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, name) -> interceptor);
    }
}
