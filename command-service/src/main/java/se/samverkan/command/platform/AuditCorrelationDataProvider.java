package se.samverkan.command.platform;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import se.samverkan.platform.eventstore.AuditMetadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the audit metadata of a command onto every event it causes: who (userId, role), from where
 * (clientIp), the request's correlationId, and the command's own id as causationId.
 */
public class AuditCorrelationDataProvider implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(AuditMetadata.USER_ID, AuditMetadata.ROLE,
            AuditMetadata.CLIENT_IP, AuditMetadata.CORRELATION_ID, AuditMetadata.REQUEST_FINGERPRINT);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : COPIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.putIfAbsent(AuditMetadata.CORRELATION_ID, message.getIdentifier());
        data.put(AuditMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
