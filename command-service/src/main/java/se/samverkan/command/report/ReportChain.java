package se.samverkan.command.report;

/** The tamper-evidence chain of a report's stored events, as far as a new event needs it. */
public interface ReportChain {

    /** The hash of the report's newest stored event: the chain head a submission or approval records. */
    String headOf(String reportId);
}
