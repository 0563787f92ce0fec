package se.samverkan.query.organisation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.events.security.Role;
import se.samverkan.platform.security.Caller;

import java.util.List;

/**
 * The register of organisations, searchable by name or number, for the pickers of the pages that record
 * and manage (COORDINATOR and ADMIN, who may also register organisations); the register spans every
 * project, so auditors and partners, who read only their projects, are refused.
 */
@RestController
public class OrganisationController {

    private static final int LIMIT = 50;
    private final Organisations organisations;

    public OrganisationController(Organisations organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/api/organisations")
    public List<OrganisationRef> search(@RequestParam(name = "q", required = false) String text, Caller caller) {
        caller.requireRole(Role.COORDINATOR);
        return organisations.search(text, LIMIT);
    }
}
