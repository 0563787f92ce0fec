package se.samverkan.command.report;

import java.util.Optional;

/** The progress reports, by id and by (project, number): what scope checks and the numbering rule need. */
public interface ReportDirectory {

    record KnownReport(String reportId, String projectId, int number) {
    }

    Optional<KnownReport> find(String reportId);

    Optional<KnownReport> findByNumber(String projectId, int number);
}
