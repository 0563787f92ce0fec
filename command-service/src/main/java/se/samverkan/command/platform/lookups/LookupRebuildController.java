package se.samverkan.command.platform.lookups;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.security.Caller;
import se.samverkan.events.security.Role;

import java.util.List;
import java.util.Map;

/**
 * POST /api/admin/lookups/rebuild (ADMIN only; an addition to DESIGN.md's contract, see docs/api.md): rebuilds every
 * lookup table of the command service from the event store and answers what each rebuild replayed. Commands that
 * write a lookup wait while it is rebuilt; reads of it go on (see {@link LookupRebuild#empty}).
 */
@RestController
public class LookupRebuildController {

    public record RebuildAnswer(List<LookupRebuild.Rebuilt> lookups) {
    }

    private final LookupRebuild rebuild;

    public LookupRebuildController(LookupRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/admin/lookups/rebuild")
    public RebuildAnswer rebuild(Caller caller) {
        caller.requireRole(Role.ADMIN);
        return new RebuildAnswer(rebuild.rebuildAll());
    }
}
