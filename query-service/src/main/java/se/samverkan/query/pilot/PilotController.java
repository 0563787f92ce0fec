package se.samverkan.query.pilot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.query.project.ProjectAccess;
import se.samverkan.platform.security.Caller;

import java.util.List;

/** GET /api/projects/{p}/pilots: the project's pilots with their status. */
@RestController
public class PilotController {

    private final ProjectAccess access;
    private final Pilots pilots;

    public PilotController(ProjectAccess access, Pilots pilots) {
        this.access = access;
        this.pilots = pilots;
    }

    @GetMapping("/api/projects/{projectId}/pilots")
    public List<Pilots.Pilot> pilots(@PathVariable String projectId, Caller caller) {
        access.requireReadable(caller, projectId);
        return pilots.list(projectId);
    }
}
