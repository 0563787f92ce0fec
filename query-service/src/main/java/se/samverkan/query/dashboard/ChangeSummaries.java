package se.samverkan.query.dashboard;

import se.samverkan.events.OrgNumber;
import se.samverkan.events.ProjectEvent;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.WorkshopHeld;
import se.samverkan.events.pilot.PilotConcluded;
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.pilot.PilotProposed;
import se.samverkan.events.pilot.PilotWithdrawn;
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.events.project.IndicatorOutcomeRecorded;
import se.samverkan.events.project.PartnerJoined;
import se.samverkan.events.project.ProjectCreated;
import se.samverkan.events.project.WorkPackageCompleted;
import se.samverkan.events.project.WorkPackagePlanned;
import se.samverkan.events.project.WorkPackageReplanned;
import se.samverkan.events.project.WorkPackageStarted;
import se.samverkan.events.report.ProgressReportDrafted;
import se.samverkan.events.report.ReportApproved;
import se.samverkan.events.report.ReportQuestionAnswered;
import se.samverkan.events.report.ReportReturned;
import se.samverkan.events.report.ReportSubmitted;
import se.samverkan.events.report.WorkPackageNarrativeWritten;

import java.util.List;
import java.util.Optional;

/** One short English line per project event, for the recent-changes feed. */
public final class ChangeSummaries {

    /** The project an event belongs to and what it says. */
    public record Change(String projectId, String summary) {
    }

    private ChangeSummaries() {
    }

    /** Empty for events that belong to no project (organisations, tokens). */
    public static Optional<Change> describe(Object event) {
        if (event instanceof ProjectEvent projectEvent && projectEvent.projectId() != null) {
            return Optional.of(new Change(projectEvent.projectId(), summary(projectEvent)));
        }
        return Optional.empty();
    }

    /** What the event says; an event type added later still shows up in the feed, under its name. */
    private static String summary(ProjectEvent event) {
        if (event instanceof ProjectCreated e) {
            return "Project '" + e.name() + "' created (" + e.periodStart() + " to " + e.periodEnd() + ")";
        } else if (event instanceof PartnerJoined e) {
            return "Partner " + e.orgNumber() + " joined as " + e.role();
        } else if (event instanceof WorkPackagePlanned e) {
            return "Work package " + e.number() + " '" + e.name() + "' planned from " + e.plannedStart()
                    + " to " + e.plannedEnd();
        } else if (event instanceof WorkPackageStarted e) {
            return "Work package " + e.number() + " started on " + e.startedOn();
        } else if (event instanceof WorkPackageCompleted e) {
            return "Work package " + e.number() + " completed on " + e.completedOn();
        } else if (event instanceof WorkPackageReplanned e) {
            return "Work package " + e.number() + " replanned to end on " + e.plannedEnd()
                    + " instead of " + e.previousPlannedEnd() + ": " + e.reason();
        } else if (event instanceof IndicatorDefined e) {
            return "Indicator '" + e.code() + "' defined: target " + e.target().toPlainString() + " "
                    + e.unit();
        } else if (event instanceof IndicatorOutcomeRecorded e) {
            return "Outcome of indicator '" + e.code() + "' for " + e.year() + " recorded: "
                    + (e.organisations() == null || e.organisations().isEmpty()
                    ? e.value().toPlainString() : count(e.organisations(), "organisation"));
        } else if (event instanceof MeetingHeld e) {
            return "Meeting '" + e.title() + "' (" + e.kind() + ", work package " + e.workPackage()
                    + ") held on " + e.date();
        } else if (event instanceof WorkshopHeld e) {
            return "Workshop '" + e.title() + "' (work package " + e.workPackage() + ") held on "
                    + e.date();
        } else if (event instanceof ActivityCancelled e) {
            return "Activity " + e.activityId() + " cancelled: " + e.reason();
        } else if (event instanceof PilotProposed e) {
            return "Pilot '" + e.name() + "' proposed";
        } else if (event instanceof PilotIncluded e) {
            return "Pilot " + e.pilotId() + " included on " + e.includedOn() + " with "
                    + count(e.members(), "member") + " and a working group of " + count(e.workingGroup(), "organisation");
        } else if (event instanceof PilotConcluded e) {
            return "Pilot " + e.pilotId() + " concluded on " + e.concludedOn();
        } else if (event instanceof PilotWithdrawn e) {
            return "Pilot " + e.pilotId() + " withdrawn on " + e.withdrawnOn() + ": " + e.reason();
        } else if (event instanceof ProgressReportDrafted e) {
            return "Progress report " + e.number() + " drafted for " + e.periodStart() + " to "
                    + e.periodEnd();
        } else if (event instanceof ReportQuestionAnswered e) {
            return "Report " + e.reportId() + ": question '" + e.key() + "' answered " + e.answer();
        } else if (event instanceof WorkPackageNarrativeWritten e) {
            return "Report " + e.reportId() + ": narrative for work package " + e.workPackage()
                    + " written";
        } else if (event instanceof ReportSubmitted e) {
            return "Progress report " + e.number() + " submitted by " + e.signatory();
        } else if (event instanceof ReportReturned e) {
            return "Report " + e.reportId() + " returned: " + e.reason();
        } else if (event instanceof ReportApproved e) {
            return "Report " + e.reportId() + " approved";
        }
        return words(event.getClass().getSimpleName());
    }

    /** "ReportSubmitted" -> "Report submitted" */
    static String words(String typeName) {
        String spaced = typeName.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String count(List<OrgNumber> organisations, String noun) {
        return count(organisations == null ? 0 : organisations.size(), noun);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
