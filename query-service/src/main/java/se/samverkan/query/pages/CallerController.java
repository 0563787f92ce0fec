package se.samverkan.query.pages;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.query.security.Caller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who the pages are signed in as, so that they offer only what the caller may do (the API still decides). */
@RestController
public class CallerController {

    private final JdbcTemplate jdbc;

    public CallerController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/me")
    public Map<String, Object> me(Caller caller) {
        List<String> names = jdbc.queryForList("SELECT name FROM access_token WHERE token_id = ?", String.class, caller.userId());
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("userId", caller.userId());
        me.put("name", names.isEmpty() ? caller.userId() : names.get(0));
        me.put("role", caller.role().name());
        me.put("projects", caller.projects().stream().sorted().toList());
        return me;
    }
}
