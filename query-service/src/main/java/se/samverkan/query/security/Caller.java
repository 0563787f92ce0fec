package se.samverkan.query.security;

import se.samverkan.events.security.Role;

import java.util.Arrays;
import java.util.Set;
import se.samverkan.platform.web.ForbiddenException;

/** Who is reading: token id, role and project scope (empty = every project). */
public record Caller(String userId, Role role, Set<String> projects) {

    public boolean seesAllProjects() {
        return role == Role.ADMIN || projects.isEmpty();
    }

    public boolean canRead(String projectId) {
        return seesAllProjects() || projects.contains(projectId);
    }

    public void requireRead(String projectId) {
        if (!canRead(projectId)) {
            throw new ForbiddenException("this token is not scoped to project '" + projectId + "'");
        }
    }

    public void requireRole(Role... allowed) {
        if (role != Role.ADMIN && Arrays.stream(allowed).noneMatch(r -> r == role)) {
            throw new ForbiddenException("a " + role + " token may not do this; it needs one of: ADMIN, "
                    + String.join(", ", Arrays.stream(allowed).map(Enum::name).toList()));
        }
    }
}
