package se.samverkan.platform.security;

import se.samverkan.events.security.Role;
import se.samverkan.platform.web.ForbiddenException;
import se.samverkan.platform.web.NotFoundException;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking: the token's id (the userId in audit metadata), its role and project scope (empty =
 * every project), plus where the request came from and its correlation id (the command service records both in
 * the audit metadata; the query service leaves them null). Each service's token filter puts it in the request
 * under {@link #REQUEST_ATTRIBUTE}; controllers take it as an argument.
 */
public record Caller(String userId, Role role, Set<String> projects, String clientIp, String correlationId) {

    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    /** A caller known by its token alone. */
    public Caller(String userId, Role role, Set<String> projects) {
        this(userId, role, projects, null, null);
    }

    public boolean seesAllProjects() {
        return role == Role.ADMIN || projects.isEmpty();
    }

    public boolean isScopedTo(String projectId) {
        return seesAllProjects() || projects.contains(projectId);
    }

    /** The read side's name for {@link #isScopedTo}. */
    public boolean canRead(String projectId) {
        return isScopedTo(projectId);
    }

    public void requireRead(String projectId) {
        requireScope(projectId);
    }

    public void requireRole(Role... allowed) {
        if (role != Role.ADMIN && Arrays.stream(allowed).noneMatch(r -> r == role)) {
            throw new ForbiddenException("a " + role + " token may not do this; it needs one of: ADMIN, "
                    + String.join(", ", Arrays.stream(allowed).map(Enum::name).toList()));
        }
    }

    /** Writes to a project: ADMIN, or a COORDINATOR scoped to it. */
    public void requireCoordinatorOf(String projectId) {
        requireRole(Role.COORDINATOR);
        requireScope(projectId);
    }

    /** Returning and approving reports: ADMIN, or an AUDITOR scoped to the project. */
    public void requireAuditorOf(String projectId) {
        requireRole(Role.AUDITOR);
        requireScope(projectId);
    }

    /**
     * The project of a report, pilot or activity named in the path, once the caller may act on it. Scope before
     * existence: a scoped token gets the same 403 (same words) for an id of another project as for an id that
     * names nothing, so it cannot learn which ids exist outside its scope; a token that sees every project gets 404.
     */
    public String projectInScope(String kind, String id, Optional<String> projectId) {
        if (projectId.isPresent() && isScopedTo(projectId.get())) {
            return projectId.get();
        }
        if (!seesAllProjects()) {
            throw new ForbiddenException("this token is not scoped to the project of " + kind + " '" + id
                    + "' (its projects: " + String.join(", ", projects.stream().sorted().toList()) + ")");
        }
        throw new NotFoundException("no " + kind + " with the id '" + id + "' exists");
    }

    private void requireScope(String projectId) {
        if (!isScopedTo(projectId)) {
            throw new ForbiddenException("this token is not scoped to project '" + projectId + "'");
        }
    }
}
