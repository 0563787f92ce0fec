package se.samverkan.platform.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import se.samverkan.platform.eventstore.EventStoreSchema;

import static org.assertj.core.api.Assertions.assertThat;

class AxonSerializationAutoConfigurationTest {

    @Test
    void eventsMessagesAndTokensAreJsonAndTheTablesAreTheSharedOnes() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AxonSerializationAutoConfiguration.class))
                .run(context -> {
                    assertThat(context.getBeansOfType(Serializer.class)).containsOnlyKeys("serializer", "eventSerializer",
                            "messageSerializer");
                    assertThat(context.getBeansOfType(Serializer.class).values())
                            .allSatisfy(serializer -> assertThat(serializer).isInstanceOf(JacksonSerializer.class));
                    assertThat(context.getBean(EventSchema.class).domainEventTable()).isEqualTo(EventStoreSchema.EVENT_TABLE);
                });
    }
}
