package se.samverkan.command.security;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.security.AccessTokenIssued;
import se.samverkan.events.security.AccessTokenRevoked;
import se.samverkan.events.security.Role;

import java.sql.Array;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The command service's table of valid tokens (by hash), kept in the same transaction as their events. */
@Component
@ProcessingGroup("security-lookup")
public class AccessTokenDirectory {

    public record TokenEntry(String tokenId, Role role, Set<String> projects) {
    }

    private final JdbcTemplate jdbc;

    public AccessTokenDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccessTokenIssued event) {
        jdbc.update("INSERT INTO access_token (token_id, name, role, projects, token_hash) VALUES (?, ?, ?, ?, ?)",
                event.tokenId(), event.name(), event.role().name(), event.projects().toArray(String[]::new), event.tokenHash());
    }

    @EventHandler
    void on(AccessTokenRevoked event) {
        jdbc.update("UPDATE access_token SET revoked = TRUE WHERE token_id = ?", event.tokenId());
    }

    public Optional<TokenEntry> findValidByHash(String tokenHash) {
        List<TokenEntry> entries = jdbc.query(
                "SELECT token_id, role, projects FROM access_token WHERE token_hash = ? AND NOT revoked",
                (rs, i) -> {
                    Array projects = rs.getArray("projects");
                    return new TokenEntry(rs.getString("token_id"), Role.valueOf(rs.getString("role")),
                            Set.of((String[]) projects.getArray()));
                }, tokenHash);
        return entries.stream().findFirst();
    }

    public boolean exists(String tokenId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM access_token WHERE token_id = ?", Integer.class, tokenId);
        return count != null && count > 0;
    }
}
