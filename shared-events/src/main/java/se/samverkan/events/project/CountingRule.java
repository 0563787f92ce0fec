package se.samverkan.events.project;

public enum CountingRule {
    /** Distinct organisations in the project's activities and pilot working groups, counted in the year of first engagement. */
    ORGANISATIONS_ENGAGED,
    /** As ORGANISATIONS_ENGAGED, only categories PUBLIC_SECTOR, ACADEMIA and BUSINESS_SUPPORT. */
    INSTITUTIONAL_ORGANISATIONS_ENGAGED,
    /** Outcomes recorded per year as a value or as a list of organisations. */
    MANUAL
}
