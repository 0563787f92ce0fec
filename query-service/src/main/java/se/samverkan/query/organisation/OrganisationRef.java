package se.samverkan.query.organisation;

/**
 * An organisation as the read models show it. Name and category are null while the organisation's
 * registration has not reached the read model yet (its events are processed independently).
 */
public record OrganisationRef(String orgNumber, String name, String category) {
}
