package se.samverkan.command.activity;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.command.activity.Activity.CancelActivity;
import se.samverkan.command.activity.Activity.RecordMeeting;
import se.samverkan.command.activity.Activity.RecordWorkshop;
import se.samverkan.command.common.Validation;
import se.samverkan.command.platform.CommandDispatcher;
import se.samverkan.command.platform.web.Versions;
import se.samverkan.command.platform.web.Versions.Created;
import se.samverkan.platform.security.Caller;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.Participants;
import se.samverkan.events.activity.MeetingKind;
import se.samverkan.events.security.Role;
import se.samverkan.platform.input.FreeText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@RestController
public class ActivityController {

    /** Participants counted by gender; a count left out is 0, as is a request without participants. */
    public record ParticipantsRequest(Integer women, Integer men, Integer other) {
    }

    public record MeetingRequest(String id, Integer workPackage, String kind, String date, String title,
                                 List<String> organisations, ParticipantsRequest participants, @FreeText String notes) {
    }

    public record WorkshopRequest(String id, Integer workPackage, String date, String title, String targetGroup,
                                  List<String> organisations, ParticipantsRequest participants, @FreeText String outcome) {
    }

    public record CancellationRequest(@FreeText String reason) {
    }

    private final CommandDispatcher commands;
    private final ActivityDirectory activities;

    public ActivityController(CommandDispatcher commands, ActivityDirectory activities) {
        this.commands = commands;
        this.activities = activities;
    }

    @ResponseStatus(HttpStatus.CREATED) // documents the 201 that the answer sets
    @PostMapping("/api/projects/{projectId}/meetings")
    public ResponseEntity<Created> recordMeeting(@PathVariable String projectId, @RequestBody MeetingRequest request,
                                                Caller caller) {
        caller.requireCoordinatorOf(projectId);
        Validation validation = new Validation();
        String id = validation.clientId("id", request.id());
        Integer workPackage = validation.number("workPackage", request.workPackage());
        MeetingKind kind = validation.oneOf("kind", request.kind(), MeetingKind.class);
        LocalDate date = validation.date("date", request.date());
        String title = validation.text("title", request.title());
        List<OrgNumber> organisations = orgNumbersAsGiven(validation, request.organisations());
        Participants participants = participants(validation, request.participants());
        validation.throwIfInvalid();
        return Versions.created(commands.create(id, activityId -> new RecordMeeting(activityId, projectId, workPackage, kind,
                date, title, organisations, participants, validation.optionalText(request.notes())), caller));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/projects/{projectId}/workshops")
    public ResponseEntity<Created> recordWorkshop(@PathVariable String projectId, @RequestBody WorkshopRequest request,
                                                 Caller caller) {
        caller.requireCoordinatorOf(projectId);
        Validation validation = new Validation();
        String id = validation.clientId("id", request.id());
        Integer workPackage = validation.number("workPackage", request.workPackage());
        LocalDate date = validation.date("date", request.date());
        String title = validation.text("title", request.title());
        List<OrgNumber> organisations = orgNumbersAsGiven(validation, request.organisations());
        Participants participants = participants(validation, request.participants());
        validation.throwIfInvalid();
        return Versions.created(commands.create(id, activityId -> new RecordWorkshop(activityId, projectId, workPackage, date,
                title, validation.optionalText(request.targetGroup()), organisations, participants,
                validation.optionalText(request.outcome())), caller));
    }

    @PostMapping("/api/activities/{activityId}/cancellation")
    public ResponseEntity<Void> cancel(@PathVariable String activityId, @RequestBody CancellationRequest request,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         Caller caller) {
        caller.requireRole(Role.COORDINATOR);
        caller.requireCoordinatorOf(caller.projectInScope("activity", activityId, activities.projectOf(activityId)));
        Validation validation = new Validation();
        String reason = validation.text("reason", request.reason());
        validation.throwIfInvalid();
        return Versions.ok(commands.send(activityId,
                new CancelActivity(activityId, reason, Versions.expectedSequence(ifMatch)), caller));
    }

    /**
     * Keeps duplicates and order, so that the aggregate's complaint about organisations[i] points at
     * the i-th number of the request; the aggregate removes duplicates.
     */
    private static List<OrgNumber> orgNumbersAsGiven(Validation validation, List<String> values) {
        List<OrgNumber> result = new ArrayList<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                result.add(validation.orgNumber("organisations[" + i + "]", values.get(i)));
            }
        }
        return result;
    }

    private static Participants participants(Validation validation, ParticipantsRequest request) {
        if (request == null) {
            return Participants.NONE;
        }
        int women = count(validation, "participants.women", request.women());
        int men = count(validation, "participants.men", request.men());
        int other = count(validation, "participants.other", request.other());
        // A negative count is Participants' own rule, already recorded for the answer (thrown before this is used).
        return validation.isValid() ? new Participants(women, men, other) : null;
    }

    private static int count(Validation validation, String field, Integer value) {
        if (value == null) {
            return 0;
        }
        String problem = Participants.problemWith(value);
        validation.check(problem == null, field, problem);
        return value;
    }
}
