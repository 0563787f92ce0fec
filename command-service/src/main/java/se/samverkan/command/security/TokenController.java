package se.samverkan.command.security;

import se.samverkan.platform.security.Tokens;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.common.Validation;
import se.samverkan.command.platform.CommandDispatcher;
import se.samverkan.command.platform.Written;
import se.samverkan.command.platform.web.Versions;
import se.samverkan.command.security.AccessToken.IssueAccessToken;
import se.samverkan.command.security.AccessToken.RevokeAccessToken;
import se.samverkan.events.security.Role;

import java.util.List;
import se.samverkan.platform.security.Caller;

@RestController
public class TokenController {

    public record TokenRequest(String name, String role, List<String> projects) {
    }

    /** The token itself is shown this once; only its hash is stored. */
    public record IssuedToken(String id, String token) {
    }

    private final CommandDispatcher commands;
    private final AccessTokenDirectory tokens;

    public TokenController(CommandDispatcher commands, AccessTokenDirectory tokens) {
        this.commands = commands;
        this.tokens = tokens;
    }

    @ResponseStatus(HttpStatus.CREATED) // documents the 201 that the answer sets
    @PostMapping("/api/admin/tokens")
    public ResponseEntity<IssuedToken> issue(@RequestBody TokenRequest request, Caller caller) {
        caller.requireRole(Role.ADMIN);
        Validation validation = new Validation();
        String name = validation.text("name", request.name());
        Role role = validation.oneOf("role", request.role(), Role.class);
        List<String> projects = request.projects() == null ? List.of() : request.projects();
        for (int i = 0; i < projects.size(); i++) {
            validation.clientId("projects[" + i + "]", projects.get(i));
        }
        validation.throwIfInvalid();
        String token = Tokens.newToken();
        Written written = commands.create(null,
                tokenId -> new IssueAccessToken(tokenId, name, role, projects, Tokens.hash(token)), caller);
        return Versions.created(written, new IssuedToken(written.aggregateId(), token));
    }

    @DeleteMapping("/api/admin/tokens/{tokenId}")
    public ResponseEntity<Void> revoke(@PathVariable String tokenId, Caller caller) {
        caller.requireRole(Role.ADMIN);
        // the id of another kind of aggregate would otherwise reach Axon as a token and fail there
        if (!tokens.exists(tokenId)) {
            throw new NotFoundException("no token with the id '" + tokenId + "' exists");
        }
        Written written = commands.send(tokenId, new RevokeAccessToken(tokenId), caller);
        return ResponseEntity.noContent().header(Versions.POSITION_HEADER, Versions.position(written)).build();
    }
}
