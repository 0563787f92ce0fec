package se.samverkan.command.organisation;

import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;

import java.util.Optional;

/** The registered organisations, by organisation number: what the other aggregates check against. */
public interface OrganisationDirectory {

    record KnownOrganisation(String organisationId, OrgNumber orgNumber, String name, OrganisationCategory category) {
    }

    Optional<KnownOrganisation> find(OrgNumber orgNumber);
}
