package se.samverkan.command.report;

import se.samverkan.events.report.IndicatorOutcomeSnapshot;

import java.util.List;

/** Every indicator of a project with its outcome as it stands now, for the snapshot a submission freezes. */
public interface IndicatorTally {

    List<IndicatorOutcomeSnapshot> snapshot(String projectId);
}
