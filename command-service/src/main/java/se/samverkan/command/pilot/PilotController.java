package se.samverkan.command.pilot;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.command.common.Validation;
import se.samverkan.command.pilot.Pilot.ConcludePilot;
import se.samverkan.command.pilot.Pilot.IncludePilot;
import se.samverkan.command.pilot.Pilot.ProposePilot;
import se.samverkan.command.pilot.Pilot.WithdrawPilot;
import se.samverkan.command.platform.CommandDispatcher;
import se.samverkan.command.platform.web.Versions;
import se.samverkan.command.platform.web.Versions.Created;
import se.samverkan.platform.security.Caller;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.security.Role;
import se.samverkan.platform.input.FreeText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@RestController
public class PilotController {

    public record PilotRequest(String id, String name, @FreeText String challenge, String proposedByOrgNumber) {
    }

    public record InclusionRequest(String includedOn, Integer members, List<String> workingGroup) {
    }

    public record ConclusionRequest(String concludedOn, @FreeText String outcome) {
    }

    public record WithdrawalRequest(String withdrawnOn, @FreeText String reason) {
    }

    private final CommandDispatcher commands;
    private final PilotDirectory pilots;

    public PilotController(CommandDispatcher commands, PilotDirectory pilots) {
        this.commands = commands;
        this.pilots = pilots;
    }

    @ResponseStatus(HttpStatus.CREATED) // documents the 201 that the answer sets
    @PostMapping("/api/projects/{projectId}/pilots")
    public ResponseEntity<Created> propose(@PathVariable String projectId, @RequestBody PilotRequest request, Caller caller) {
        caller.requireCoordinatorOf(projectId);
        Validation validation = new Validation();
        String id = validation.clientId("id", request.id());
        String name = validation.text("name", request.name());
        String challenge = validation.text("challenge", request.challenge());
        OrgNumber proposedBy = validation.orgNumber("proposedByOrgNumber", request.proposedByOrgNumber());
        validation.throwIfInvalid();
        return Versions.created(commands.create(id,
                pilotId -> new ProposePilot(pilotId, projectId, name, challenge, proposedBy), caller));
    }

    @PostMapping("/api/pilots/{pilotId}/inclusion")
    public ResponseEntity<Void> include(@PathVariable String pilotId, @RequestBody InclusionRequest request,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          Caller caller) {
        requireCoordinatorOfPilot(pilotId, caller);
        Validation validation = new Validation();
        LocalDate includedOn = validation.date("includedOn", request.includedOn());
        Integer members = validation.number("members", request.members());
        List<OrgNumber> workingGroup = new ArrayList<>();
        if (request.workingGroup() != null) {
            // One entry per number given, duplicates too, so that the aggregate's workingGroup[i] means the request's.
            for (int i = 0; i < request.workingGroup().size(); i++) {
                workingGroup.add(validation.orgNumber("workingGroup[" + i + "]", request.workingGroup().get(i)));
            }
        }
        validation.throwIfInvalid();
        return Versions.ok(commands.send(pilotId,
                new IncludePilot(pilotId, includedOn, members, workingGroup, Versions.expectedSequence(ifMatch)), caller));
    }

    @PostMapping("/api/pilots/{pilotId}/conclusion")
    public ResponseEntity<Void> conclude(@PathVariable String pilotId, @RequestBody ConclusionRequest request,
                                           @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                           Caller caller) {
        requireCoordinatorOfPilot(pilotId, caller);
        Validation validation = new Validation();
        LocalDate concludedOn = validation.date("concludedOn", request.concludedOn());
        String outcome = validation.text("outcome", request.outcome());
        validation.throwIfInvalid();
        return Versions.ok(commands.send(pilotId,
                new ConcludePilot(pilotId, concludedOn, outcome, Versions.expectedSequence(ifMatch)), caller));
    }

    @PostMapping("/api/pilots/{pilotId}/withdrawal")
    public ResponseEntity<Void> withdraw(@PathVariable String pilotId, @RequestBody WithdrawalRequest request,
                                           @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                           Caller caller) {
        requireCoordinatorOfPilot(pilotId, caller);
        Validation validation = new Validation();
        LocalDate withdrawnOn = validation.date("withdrawnOn", request.withdrawnOn());
        String reason = validation.text("reason", request.reason());
        validation.throwIfInvalid();
        return Versions.ok(commands.send(pilotId,
                new WithdrawPilot(pilotId, withdrawnOn, reason, Versions.expectedSequence(ifMatch)), caller));
    }

    /** The role first (it needs no lookup), then the scope of the pilot's project before its existence. */
    private void requireCoordinatorOfPilot(String pilotId, Caller caller) {
        caller.requireRole(Role.COORDINATOR);
        caller.requireCoordinatorOf(caller.projectInScope("pilot", pilotId, pilots.projectOf(pilotId)));
    }
}
