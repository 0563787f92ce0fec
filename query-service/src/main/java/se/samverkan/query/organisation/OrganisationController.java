package se.samverkan.query.organisation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The register of organisations, searchable by name or number, for the pages' pickers. */
@RestController
public class OrganisationController {

    private static final int LIMIT = 50;
    private final Organisations organisations;

    public OrganisationController(Organisations organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/api/organisations")
    public List<OrganisationRef> search(@RequestParam(name = "q", required = false) String text) {
        return organisations.search(text, LIMIT);
    }
}
