package se.samverkan.platform.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/** The one JSON configuration for stored events, used by the writer and by every reader. */
public final class EventJson {

    private EventJson() {
    }

    /** Axon's serializer for events, messages and tokens, the same in both services (never XStream). */
    public static Serializer axonSerializer() {
        return JacksonSerializer.builder().objectMapper(newObjectMapper()).build();
    }

    /**
     * Axon's serializer for aggregate snapshots: JSON of the aggregate's fields (whatever their access),
     * never its getters, so that a snapshot holds exactly the state event sourcing built.
     */
    public static Serializer snapshotSerializer() {
        ObjectMapper fields = newObjectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }
}
