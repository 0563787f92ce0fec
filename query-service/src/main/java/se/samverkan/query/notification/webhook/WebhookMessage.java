package se.samverkan.query.notification.webhook;

import se.samverkan.query.notification.EventFrame;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * One notification as sent: a CloudEvents 1.0 structured-mode JSON body whose {@code data} is the event
 * frame of the SSE stream, and the Standard Webhooks headers. The webhook id is the same for every
 * attempt (and replay) of one event to one subscription, so receivers can drop duplicates by it.
 */
record WebhookMessage(String webhookId, long timestamp, String body, String signature) {

    static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static String webhookId(String subscriptionId, long globalIndex) {
        return "msg_" + subscriptionId + "_" + globalIndex;
    }

    /** The CloudEvent of one event frame (whose data is the SSE envelope JSON). */
    static String cloudEvent(String eventIdentifier, String projectId, EventFrame frame) {
        JsonNode data;
        try {
            data = JSON.readTree(frame.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event frame that is not JSON: " + frame.index(), e);
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventIdentifier);
        event.put("source", "/samverkan/projects/" + projectId);
        event.put("type", "se.samverkan." + frame.name());
        if (data.path("at").isTextual()) { // optional in CloudEvents: left out when the stored instant cannot be read
            event.set("time", data.get("at"));
        }
        event.set("subject", data.get("aggregateId"));
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static WebhookMessage signed(String webhookId, long timestamp, String body, String secret) {
        return new WebhookMessage(webhookId, timestamp, body, "v1," + sign(webhookId, timestamp, body, secret));
    }

    /** Standard Webhooks: base64 of HMAC-SHA256 over "id.timestamp.body" keyed by the decoded secret. */
    static String sign(String webhookId, long timestamp, String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecrets.signingKey(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
