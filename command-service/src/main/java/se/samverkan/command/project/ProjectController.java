package se.samverkan.command.project;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.common.Validation;
import se.samverkan.command.platform.CommandDispatcher;
import se.samverkan.command.platform.web.Versions;
import se.samverkan.command.platform.web.Versions.Created;
import se.samverkan.command.project.Project.AddPartner;
import se.samverkan.command.project.Project.CompleteWorkPackage;
import se.samverkan.command.project.Project.CreateProject;
import se.samverkan.command.project.Project.DefineIndicator;
import se.samverkan.command.project.Project.PlanWorkPackage;
import se.samverkan.command.project.Project.RecordIndicatorOutcome;
import se.samverkan.command.project.Project.ReplanWorkPackage;
import se.samverkan.command.project.Project.StartWorkPackage;
import se.samverkan.platform.security.Caller;
import se.samverkan.platform.web.ForbiddenException;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.project.CountingRule;
import se.samverkan.events.project.PartnerRole;
import se.samverkan.events.security.Role;
import se.samverkan.platform.input.FreeText;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

@RestController
public class ProjectController {

    /** An indicator's code names it in paths (/indicators/{code}/outcomes), so it has the shape of an id. */
    static final Pattern INDICATOR_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public record ProjectRequest(String id, String caseId, String name, String programme, String periodStart,
                                 String periodEnd, String beneficiaryOrgNumber) {
    }

    public record PartnerRequest(String orgNumber, String role) {
    }

    /** Whole numbers arrive as BigDecimal so that 1.5 is refused instead of silently cut to 1. */
    public record WorkPackageRequest(BigDecimal number, String name, String plannedStart, String plannedEnd) {
    }

    public record StartRequest(String startedOn) {
    }

    public record CompletionRequest(String completedOn) {
    }

    public record ReplanRequest(String plannedEnd, @FreeText String reason) {
    }

    public record IndicatorRequest(String code, String name, String unit, BigDecimal target, String countingRule) {
    }

    public record OutcomeRequest(BigDecimal year, BigDecimal value, List<String> organisations, @FreeText String note) {
    }

    private final CommandDispatcher commands;
    private final ProjectDirectory projects;

    public ProjectController(CommandDispatcher commands, ProjectDirectory projects) {
        this.commands = commands;
        this.projects = projects;
    }

    @ResponseStatus(HttpStatus.CREATED) // documents the 201 that the answer sets
    @PostMapping("/api/projects")
    public ResponseEntity<Created> create(@RequestBody ProjectRequest request, Caller caller) {
        caller.requireRole(Role.COORDINATOR);
        if (!caller.seesAllProjects() && (request.id() == null || !caller.isScopedTo(request.id()))) {
            // A scoped coordinator could never write to a project outside its scope, so it may not create one.
            throw new ForbiddenException(request.id() == null
                    ? "this token is scoped to projects " + caller.projects() + "; give one of them as the id of the new project"
                    : "this token is not scoped to project '" + request.id() + "'");
        }
        Validation validation = new Validation();
        String id = validation.clientId("id", request.id());
        String caseId = validation.text("caseId", request.caseId());
        String name = validation.text("name", request.name());
        String programme = validation.text("programme", request.programme());
        LocalDate periodStart = validation.date("periodStart", request.periodStart());
        LocalDate periodEnd = validation.date("periodEnd", request.periodEnd());
        OrgNumber beneficiary = validation.orgNumber("beneficiaryOrgNumber", request.beneficiaryOrgNumber());
        validation.throwIfInvalid();
        return Versions.created(commands.create(id, projectId -> new CreateProject(projectId, caseId.strip(), name.strip(),
                programme.strip(), periodStart, periodEnd, beneficiary), caller));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/projects/{projectId}/partners")
    public ResponseEntity<Void> addPartner(@PathVariable String projectId, @RequestBody PartnerRequest request,
                                             @RequestHeader(value = "If-Match", required = false) String ifMatch, Caller caller) {
        requireExistingProjectOf(caller, projectId);
        Long expectedVersion = Versions.expectedSequence(ifMatch);
        Validation validation = new Validation();
        OrgNumber orgNumber = validation.orgNumber("orgNumber", request.orgNumber());
        PartnerRole role = validation.oneOf("role", request.role(), PartnerRole.class);
        validation.throwIfInvalid();
        return Versions.createdWithoutBody(commands.send(projectId,
                new AddPartner(projectId, orgNumber, role, expectedVersion), caller));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/projects/{projectId}/work-packages")
    public ResponseEntity<Void> planWorkPackage(@PathVariable String projectId, @RequestBody WorkPackageRequest request,
                                                  @RequestHeader(value = "If-Match", required = false) String ifMatch, Caller caller) {
        requireExistingProjectOf(caller, projectId);
        Long expectedVersion = Versions.expectedSequence(ifMatch);
        Validation validation = new Validation();
        Integer number = wholeNumber(validation, "number", request.number());
        String name = validation.text("name", request.name());
        LocalDate plannedStart = validation.date("plannedStart", request.plannedStart());
        LocalDate plannedEnd = validation.date("plannedEnd", request.plannedEnd());
        validation.throwIfInvalid();
        return Versions.createdWithoutBody(commands.send(projectId,
                new PlanWorkPackage(projectId, number, name.strip(), plannedStart, plannedEnd, expectedVersion), caller));
    }

    @PostMapping("/api/projects/{projectId}/work-packages/{number}/start")
    public ResponseEntity<Void> startWorkPackage(@PathVariable String projectId, @PathVariable String number,
                                                   @RequestBody StartRequest request,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch, Caller caller) {
        requireExistingProjectOf(caller, projectId);
        int workPackage = workPackageNumber(projectId, number);
        Long expectedVersion = Versions.expectedSequence(ifMatch);
        Validation validation = new Validation();
        LocalDate startedOn = validation.date("startedOn", request.startedOn());
        validation.throwIfInvalid();
        return Versions.ok(commands.send(projectId,
                new StartWorkPackage(projectId, workPackage, startedOn, expectedVersion), caller));
    }

    @PostMapping("/api/projects/{projectId}/work-packages/{number}/completion")
    public ResponseEntity<Void> completeWorkPackage(@PathVariable String projectId, @PathVariable String number,
                                                      @RequestBody CompletionRequest request,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch, Caller caller) {
        requireExistingProjectOf(caller, projectId);
        int workPackage = workPackageNumber(projectId, number);
        Long expectedVersion = Versions.expectedSequence(ifMatch);
        Validation validation = new Validation();
        LocalDate completedOn = validation.date("completedOn", request.completedOn());
        validation.throwIfInvalid();
        return Versions.ok(commands.send(projectId,
                new CompleteWorkPackage(projectId, workPackage, completedOn, expectedVersion), caller));
    }

    @PostMapping("/api/projects/{projectId}/work-packages/{number}/replan")
    public ResponseEntity<Void> replanWorkPackage(@PathVariable String projectId, @PathVariable String number,
                                                    @RequestBody ReplanRequest request,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch, Caller caller) {
        requireExistingProjectOf(caller, projectId);
        int workPackage = workPackageNumber(projectId, number);
        Long expectedVersion = Versions.expectedSequence(ifMatch);
        Validation validation = new Validation();
        LocalDate plannedEnd = validation.date("plannedEnd", request.plannedEnd());
        String reason = validation.text("reason", request.reason());
        validation.throwIfInvalid();
        return Versions.ok(commands.send(projectId,
                new ReplanWorkPackage(projectId, workPackage, plannedEnd, reason.strip(), expectedVersion), caller));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/projects/{projectId}/indicators")
    public ResponseEntity<Void> defineIndicator(@PathVariable String projectId, @RequestBody IndicatorRequest request,
                                                  @RequestHeader(value = "If-Match", required = false) String ifMatch, Caller caller) {
        requireExistingProjectOf(caller, projectId);
        Long expectedVersion = Versions.expectedSequence(ifMatch);
        Validation validation = new Validation();
        String code = validation.text("code", request.code());
        if (code != null && !code.isBlank()) {
            validation.check(INDICATOR_CODE.matcher(code).matches(), "code",
                    "must be 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit, not '" + code + "'");
        }
        String name = validation.text("name", request.name());
        String unit = validation.text("unit", request.unit());
        validation.check(request.target() != null, "target", "is required, a number of 0 or more");
        CountingRule countingRule = validation.oneOf("countingRule", request.countingRule(), CountingRule.class);
        validation.throwIfInvalid();
        return Versions.createdWithoutBody(commands.send(projectId, new DefineIndicator(projectId, code, name.strip(),
                unit.strip(), request.target(), countingRule, expectedVersion), caller));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/projects/{projectId}/indicators/{code}/outcomes")
    public ResponseEntity<Void> recordOutcome(@PathVariable String projectId, @PathVariable String code,
                                                @RequestBody OutcomeRequest request,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch, Caller caller) {
        requireExistingProjectOf(caller, projectId);
        Long expectedVersion = Versions.expectedSequence(ifMatch);
        Validation validation = new Validation();
        Integer year = wholeNumber(validation, "year", request.year());
        // Parsed one by one (not Validation.orgNumbers, which drops repeats): the project names a repeated organisation.
        List<OrgNumber> organisations = new ArrayList<>();
        List<String> listed = request.organisations() == null ? List.of() : request.organisations();
        for (int i = 0; i < listed.size(); i++) {
            organisations.add(validation.orgNumber("organisations[" + i + "]", listed.get(i)));
        }
        validation.throwIfInvalid();
        return Versions.createdWithoutBody(commands.send(projectId, new RecordIndicatorOutcome(projectId, code, year,
                request.value(), organisations, validation.optionalText(request.note()), expectedVersion), caller));
    }

    /** Scope first (a foreign project's existence is none of the caller's business), then a clear 404. */
    private void requireExistingProjectOf(Caller caller, String projectId) {
        caller.requireCoordinatorOf(projectId);
        if (projects.find(projectId).isEmpty()) {
            throw new NotFoundException("there is no project '" + projectId + "'");
        }
    }

    private static int workPackageNumber(String projectId, String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new NotFoundException("project '" + projectId + "' has no work package '" + number
                    + "'; work packages are numbered 1, 2, ...");
        }
    }

    private static Integer wholeNumber(Validation validation, String field, BigDecimal value) {
        if (value == null) {
            validation.check(false, field, "is required, a whole number");
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            validation.check(false, field, "must be a whole number, not " + value);
            return null;
        }
    }
}
