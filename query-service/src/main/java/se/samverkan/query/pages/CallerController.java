package se.samverkan.query.pages;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.events.security.Role;
import se.samverkan.platform.web.BadRequestException;
import se.samverkan.query.security.AccessTokens;
import se.samverkan.platform.security.Caller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who the pages are signed in as, so that they offer only what the caller may do (the API still decides). */
@RestController
public class CallerController {

    private final JdbcTemplate jdbc;

    /** name: the token's name, or its id where it has none (the settings' administrator). */
    public record Me(String userId, String name, String role, List<String> projects) {
    }

    public CallerController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The names of tokens, for the history page to say who changed what (the history keeps the ids).
     * For those who may read histories: AUDITOR, COORDINATOR and ADMIN tokens. A map by design: token id to name.
     */
    @GetMapping("/api/token-names")
    public Map<String, String> tokenNames(@RequestParam(name = "ids", defaultValue = "") List<String> ids, Caller caller) {
        caller.requireRole(Role.AUDITOR, Role.COORDINATOR);
        if (ids.size() > 500) {
            throw new BadRequestException("ask for at most 500 token ids at a time, not " + ids.size());
        }
        Map<String, String> names = new LinkedHashMap<>();
        if (ids.contains(AccessTokens.SETTINGS_ADMIN_ID)) {
            names.put(AccessTokens.SETTINGS_ADMIN_ID, "Administrator");
        }
        jdbc.query("SELECT token_id, name FROM access_token WHERE token_id = ANY (?)",
                rs -> {
                    names.put(rs.getString("token_id"), rs.getString("name"));
                }, (Object) ids.toArray(String[]::new));
        return names;
    }

    @GetMapping("/api/me")
    public Me me(Caller caller) {
        List<String> names = jdbc.queryForList("SELECT name FROM access_token WHERE token_id = ?", String.class, caller.userId());
        return new Me(caller.userId(), names.isEmpty() ? caller.userId() : names.get(0), caller.role().name(),
                caller.projects().stream().sorted().toList());
    }
}
