package se.samverkan.command.organisation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.organisation.OrganisationRegistered;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An organisation taking part in projects, known by its organisation number (unique). */
@Aggregate
public class Organisation {

    public record RegisterOrganisation(@TargetAggregateIdentifier String organisationId, OrgNumber orgNumber,
                                       String name, Country country, OrganisationCategory category) {
    }

    @AggregateIdentifier
    private String organisationId;

    protected Organisation() {
    }

    @CommandHandler
    public Organisation(RegisterOrganisation command, OrganisationDirectory directory) {
        if (command.orgNumber().country() != command.country()) {
            throw new RuleViolation("country", "is " + command.country() + " but " + command.orgNumber()
                    + " is a " + (command.orgNumber().country() == Country.SE ? "Swedish" : "Norwegian") + " organisation number");
        }
        directory.find(command.orgNumber())
                .filter(known -> !known.organisationId().equals(command.organisationId()))
                .ifPresent(known -> {
                    throw new ConflictException("organisation number " + command.orgNumber()
                            + " is already registered, with the id '" + known.organisationId() + "'");
                });
        apply(new OrganisationRegistered(command.organisationId(), command.orgNumber(), command.name(),
                command.country(), command.category()));
    }

    @EventSourcingHandler
    void on(OrganisationRegistered event) {
        organisationId = event.organisationId();
    }
}
