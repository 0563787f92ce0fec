package se.samverkan.command.project;

import se.samverkan.platform.web.NotFoundException;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * What other aggregates need to know of a project to check their rules: its period and its work
 * packages. Kept by the project feature in the command's transaction.
 */
public interface ProjectDirectory {

    record ProjectFacts(String projectId, LocalDate periodStart, LocalDate periodEnd, Set<Integer> workPackages) {

        public boolean covers(LocalDate date) {
            return !date.isBefore(periodStart) && !date.isAfter(periodEnd);
        }

        public String periodText() {
            return periodStart + " to " + periodEnd;
        }
    }

    Optional<ProjectFacts> find(String projectId);

    /** The project, or a 404 for a project id that names nothing. */
    default ProjectFacts require(String projectId) {
        return find(projectId).orElseThrow(() -> new NotFoundException("no project with the id '" + projectId + "' exists"));
    }
}
