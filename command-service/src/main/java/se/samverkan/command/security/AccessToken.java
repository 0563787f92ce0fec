package se.samverkan.command.security;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import se.samverkan.command.common.Validation;
import se.samverkan.events.security.AccessTokenIssued;
import se.samverkan.events.security.AccessTokenRevoked;
import se.samverkan.events.security.Role;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An access token's life: issued (with the hash of its secret), perhaps revoked. */
@Aggregate
public class AccessToken {

    public record IssueAccessToken(@TargetAggregateIdentifier String tokenId, String name, Role role,
                                   List<String> projects, String tokenHash) {
    }

    public record RevokeAccessToken(@TargetAggregateIdentifier String tokenId) {
    }

    @AggregateIdentifier
    private String tokenId;
    private boolean revoked;

    protected AccessToken() {
    }

    @CommandHandler
    public AccessToken(IssueAccessToken command) {
        Validation validation = new Validation();
        validation.check(command.tokenHash() != null && command.tokenHash().length() == 64, "tokenHash", "must be a SHA-256");
        validation.check(command.role() != Role.ADMIN || command.projects().isEmpty(), "projects",
                "must be empty for an ADMIN token: ADMIN tokens are never scoped to projects (choose COORDINATOR or"
                        + " AUDITOR for a token limited to some projects)");
        validation.throwIfInvalid();
        apply(new AccessTokenIssued(command.tokenId(), command.name(), command.role(),
                List.copyOf(command.projects()), command.tokenHash()));
    }

    @CommandHandler
    public void handle(RevokeAccessToken command) {
        if (!revoked) {
            apply(new AccessTokenRevoked(tokenId));
        }
    }

    @EventSourcingHandler
    void on(AccessTokenIssued event) {
        tokenId = event.tokenId();
    }

    @EventSourcingHandler
    void on(AccessTokenRevoked event) {
        revoked = true;
    }
}
