package se.samverkan.query.platform.replay;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.events.security.Role;
import se.samverkan.platform.security.Caller;
import se.samverkan.platform.web.ForbiddenException;

import java.net.URI;

/** POST /api/admin/rebuild starts a rebuild of every read model (202); GET shows its progress. ADMIN only. */
@RestController
@RequestMapping("/api/admin/rebuild")
public class RebuildController {

    private final ReadModelRebuild rebuild;

    public RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<RebuildStatus> start(Caller caller) {
        requireAdmin(caller);
        try {
            return ResponseEntity.accepted().location(URI.create("/api/admin/rebuild")).body(rebuild.start());
        } catch (ReadModelRebuild.AlreadyRunning e) {
            throw new ConflictException(e.getMessage());
        }
    }

    @GetMapping
    public RebuildStatus status(Caller caller) {
        requireAdmin(caller);
        return rebuild.status();
    }

    private static void requireAdmin(Caller caller) {
        if (caller.role() != Role.ADMIN) {
            throw new ForbiddenException("Rebuilding the read models needs an ADMIN token; this is a " + caller.role() + " token.");
        }
    }
}
