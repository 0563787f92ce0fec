package se.samverkan.query.dashboard;

import se.samverkan.query.indicator.Indicators;
import se.samverkan.query.project.Projects;

import java.util.ArrayList;
import java.util.List;

/** What the coordinators should look at: delayed work packages and indicators behind their linear path. */
public final class Alerts {

    public static final String WORK_PACKAGE_DELAYED = "WORK_PACKAGE_DELAYED";
    public static final String INDICATOR_BEHIND = "INDICATOR_BEHIND";

    public record Alert(String kind, String subject, String message) {
    }

    private Alerts() {
    }

    public static List<Alert> of(List<Projects.WorkPackage> workPackages, List<Indicators.Indicator> indicators) {
        List<Alert> alerts = new ArrayList<>();
        for (Projects.WorkPackage workPackage : workPackages) {
            if (!workPackage.delayed()) {
                continue;
            }
            String message = workPackage.completedOn() != null
                    ? "Work package " + workPackage.number() + " '" + workPackage.name() + "' was completed on "
                    + workPackage.completedOn() + ", " + days(workPackage.delayDays()) + " after its planned end "
                    + workPackage.plannedEnd() + "."
                    : "Work package " + workPackage.number() + " '" + workPackage.name() + "' is still open "
                    + days(workPackage.delayDays()) + " after its planned end " + workPackage.plannedEnd() + ".";
            alerts.add(new Alert(WORK_PACKAGE_DELAYED, String.valueOf(workPackage.number()), message));
        }
        for (Indicators.Indicator indicator : indicators) {
            if (indicator.behind()) {
                alerts.add(new Alert(INDICATOR_BEHIND, indicator.code(), "Indicator '" + indicator.name() + "' stands at "
                        + indicator.total().toPlainString() + " of " + indicator.target().toPlainString() + " "
                        + indicator.unit() + "; " + indicator.expectedByNow().toPlainString()
                        + " would be on a straight path to the target by today."));
            }
        }
        return alerts;
    }

    private static String days(long days) {
        return days + (days == 1 ? " day" : " days");
    }
}
