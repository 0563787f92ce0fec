package se.samverkan.events.report;

/** DRAFT -> SUBMITTED -> (RETURNED -> SUBMITTED)* -> APPROVED */
public enum ReportStatus {
    DRAFT, SUBMITTED, RETURNED, APPROVED;

    public boolean isEditable() {
        return this == DRAFT || this == RETURNED;
    }
}
