package se.samverkan.query.activity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.web.BadRequestException;
import se.samverkan.query.project.ProjectAccess;
import se.samverkan.platform.security.Caller;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** GET /api/projects/{p}/activities?workPackage=&from=&to= : meetings and workshops. */
@RestController
public class ActivityController {

    private final ProjectAccess access;
    private final Activities activities;

    public ActivityController(ProjectAccess access, Activities activities) {
        this.access = access;
        this.activities = activities;
    }

    @GetMapping("/api/projects/{projectId}/activities")
    public List<Activities.Activity> activities(@PathVariable String projectId,
                                                @RequestParam(required = false) String workPackage,
                                                @RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to,
                                                Caller caller) {
        access.requireReadable(caller, projectId);
        return activities.list(projectId, filter(workPackage, from, to));
    }

    static Activities.Filter filter(String workPackage, String from, String to) {
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new BadRequestException("The parameter 'from' (" + fromDate + ") is after 'to' (" + toDate
                    + "); send a 'from' on or before 'to'.");
        }
        return new Activities.Filter(workPackageNumber(workPackage), fromDate, toDate);
    }

    private static Integer workPackageNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(raw.trim());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("The parameter 'workPackage' cannot be '" + raw
                + "'; send a work package number (1 or more), such as workPackage=1.");
    }

    private static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("The parameter '" + name + "' cannot be '" + raw
                    + "'; send a date as YYYY-MM-DD, such as " + name + "=2024-05-27.");
        }
    }
}
