package se.samverkan.query.notification.webhook;

import se.samverkan.query.notification.EventFrame;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookMessageTest {

    @Test
    void signsLikeTheStandardWebhooksExample() {
        // the example of the Standard Webhooks specification
        WebhookMessage message = WebhookMessage.signed("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(message.signature()).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theWebhookIdIsStablePerSubscriptionAndEvent() {
        assertThat(WebhookMessage.webhookId("sub_1", 42)).isEqualTo("msg_sub_1_42").isEqualTo(WebhookMessage.webhookId("sub_1", 42));
        assertThat(WebhookMessage.webhookId("sub_2", 42)).isNotEqualTo(WebhookMessage.webhookId("sub_1", 42));
    }

    @Test
    void theBodyIsAStructuredCloudEventAroundTheStreamFrame() throws Exception {
        EventFrame frame = new EventFrame(42, "MeetingHeld", "{\"eventIndex\":42,\"type\":\"MeetingHeld\",\"aggregateId\":\"m-1\","
                + "\"sequenceNumber\":0,\"at\":\"2026-11-22T10:00:00.123Z\",\"userId\":\"t-1\",\"payload\":{\"projectId\":\"p\"}}");
        JsonNode event = new ObjectMapper().readTree(WebhookMessage.cloudEvent("e-uuid", "p", frame));
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("e-uuid");
        assertThat(event.get("source").asText()).isEqualTo("/samverkan/projects/p");
        assertThat(event.get("type").asText()).isEqualTo("se.samverkan.MeetingHeld");
        assertThat(event.get("time").asText()).isEqualTo("2026-11-22T10:00:00.123Z");
        assertThat(event.get("subject").asText()).isEqualTo("m-1");
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("data")).isEqualTo(new ObjectMapper().readTree(frame.data()));
    }

    @RepeatedTest(20)
    void retryDelaysAreJitteredByTenPercentAtMost() {
        long jittered = WebhookDispatcher.jittered(Duration.ofMinutes(5)).toMillis();
        assertThat(jittered).isBetween(270_000L, 330_000L);
    }

    @Test
    void theDefaultScheduleSpansMoreThanADay() {
        WebhookSettings settings = new WebhookSettings(false, null, null, null);
        assertThat(settings.retrySchedule().stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThan(Duration.ofHours(24));
        assertThat(settings.retrySchedule().get(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.workers()).isPositive();
    }
}
