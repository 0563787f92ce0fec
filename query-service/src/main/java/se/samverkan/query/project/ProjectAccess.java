package se.samverkan.query.project;

import org.springframework.stereotype.Component;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.platform.security.Caller;

/**
 * The one check every project query starts with: the caller's scope first (403, so a token learns
 * nothing about projects outside it), then whether the project exists (404).
 */
@Component
public class ProjectAccess {

    private final Projects projects;

    public ProjectAccess(Projects projects) {
        this.projects = projects;
    }

    public Projects.Project requireReadable(Caller caller, String projectId) {
        caller.requireRead(projectId);
        return projects.find(projectId)
                .orElseThrow(() -> new NotFoundException("There is no project '" + projectId + "'."));
    }
}
