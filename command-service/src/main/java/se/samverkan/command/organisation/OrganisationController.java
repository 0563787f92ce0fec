package se.samverkan.command.organisation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.command.common.Validation;
import se.samverkan.command.organisation.Organisation.RegisterOrganisation;
import se.samverkan.command.platform.CommandDispatcher;
import se.samverkan.command.platform.web.Versions;
import se.samverkan.command.platform.web.Versions.Created;
import se.samverkan.platform.security.Caller;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.security.Role;


@RestController
public class OrganisationController {

    public record OrganisationRequest(String id, String orgNumber, String name, String country, String category) {
    }

    private final CommandDispatcher commands;

    public OrganisationController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @ResponseStatus(HttpStatus.CREATED) // documents the 201 that the answer sets
    @PostMapping("/api/organisations")
    public ResponseEntity<Created> register(@RequestBody OrganisationRequest request, Caller caller) {
        caller.requireRole(Role.COORDINATOR);
        Validation validation = new Validation();
        String id = validation.clientId("id", request.id());
        OrgNumber orgNumber = validation.orgNumber("orgNumber", request.orgNumber());
        String name = validation.text("name", request.name());
        Country country = validation.oneOf("country", request.country(), Country.class);
        OrganisationCategory category = validation.oneOf("category", request.category(), OrganisationCategory.class);
        validation.throwIfInvalid();
        return Versions.created(commands.create(id,
                organisationId -> new RegisterOrganisation(organisationId, orgNumber, name.strip(), country, category), caller));
    }
}
