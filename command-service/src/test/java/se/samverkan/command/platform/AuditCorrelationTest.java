package se.samverkan.command.platform;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.junit.jupiter.api.Test;
import se.samverkan.platform.eventstore.AuditMetadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit metadata an event gets from the command that caused it, through Axon's correlation data providers. */
class AuditCorrelationTest {

    private final AxonConfiguration configuration = new AxonConfiguration();
    private final List<CorrelationDataProvider> providers =
            List.of(configuration.auditCorrelationDataProvider(), configuration.auditOriginProvider());

    private Map<String, Object> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        providers.forEach(provider -> data.putAll(provider.correlationDataFor(message)));
        return data;
    }

    @Test
    void anEventCarriesWhoAndWhereFromItsCommandTheRequestsCorrelationIdAndTheCommandAsItsCause() {
        Message<?> command = GenericCommandMessage.asCommandMessage("register").andMetaData(Map.of(
                AuditMetadata.USER_ID, "token-1", AuditMetadata.ROLE, "COORDINATOR", AuditMetadata.CLIENT_IP, "10.0.0.7",
                AuditMetadata.CORRELATION_ID, "corr-123", AuditMetadata.REQUEST_FINGERPRINT, "fp", "unrelated", "x"));

        assertThat(correlationDataFor(command)).containsExactlyInAnyOrderEntriesOf(Map.of(
                AuditMetadata.USER_ID, "token-1", AuditMetadata.ROLE, "COORDINATOR", AuditMetadata.CLIENT_IP, "10.0.0.7",
                AuditMetadata.REQUEST_FINGERPRINT, "fp", AuditMetadata.CORRELATION_ID, "corr-123",
                AuditMetadata.CAUSATION_ID, command.getIdentifier()));
    }

    @Test
    void aCommandSentWithoutAuditMetadataIsItsOwnCorrelationAndCause() {
        Message<?> command = GenericCommandMessage.asCommandMessage("bootstrap");

        assertThat(correlationDataFor(command)).containsExactlyInAnyOrderEntriesOf(Map.of(
                AuditMetadata.CORRELATION_ID, command.getIdentifier(), AuditMetadata.CAUSATION_ID, command.getIdentifier()));
    }
}
