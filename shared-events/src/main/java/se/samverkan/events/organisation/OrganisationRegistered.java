package se.samverkan.events.organisation;

import org.axonframework.serialization.Revision;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;

@Revision("1")
public record OrganisationRegistered(String organisationId, OrgNumber orgNumber, String name,
                                     Country country, OrganisationCategory category) {
}
