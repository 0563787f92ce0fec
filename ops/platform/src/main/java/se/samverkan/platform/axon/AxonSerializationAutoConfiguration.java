package se.samverkan.platform.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import se.samverkan.platform.eventstore.EventJson;
import se.samverkan.platform.eventstore.EventStoreSchema;

/**
 * Axon on the shared event store, the same in both services: Jackson (never XStream) for events, messages and
 * tokens, and the table mapping of {@link EventStoreSchema}. Each service builds its own storage engine (the
 * command service chains hashes, the query service only reads). Before Axon's own configuration, whose
 * serializers and schema stand back for these.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
public class AxonSerializationAutoConfiguration {

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "serializer")
    public Serializer serializer() {
        return EventJson.axonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingBean(name = "eventSerializer")
    public Serializer eventSerializer() {
        return EventJson.axonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    @ConditionalOnMissingBean(name = "messageSerializer")
    public Serializer messageSerializer() {
        return EventJson.axonSerializer();
    }

    @Bean
    @ConditionalOnMissingBean
    public EventSchema eventSchema() {
        return EventStoreSchema.axonSchema();
    }
}
