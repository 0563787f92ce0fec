package se.samverkan.events;

public enum OrganisationCategory {
    PUBLIC_SECTOR, ACADEMIA, BUSINESS_SUPPORT, CIVIL_SOCIETY, COMPANY, OTHER;

    /** The categories that count for INSTITUTIONAL_ORGANISATIONS_ENGAGED. */
    public boolean isInstitutional() {
        return this == PUBLIC_SECTOR || this == ACADEMIA || this == BUSINESS_SUPPORT;
    }
}
