package se.samverkan.command.security;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.command.platform.lookups.LookupRebuild;
import org.springframework.stereotype.Component;
import se.samverkan.events.security.AccessTokenIssued;
import se.samverkan.events.security.AccessTokenRevoked;
import se.samverkan.events.security.Role;

import java.sql.Array;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command service's table of valid tokens (by hash), kept in the same transaction as their events.
 * A token found valid is remembered for {@link #REMEMBER_VALID}, so that a client's every request does not
 * read the table again; a revocation is therefore in force on every instance within that time (the contract
 * allows 5 s), at once on the instance that stored it. Unknown tokens are never remembered: a token works
 * as soon as its issue is answered.
 */
@Component
@ProcessingGroup("security-lookup")
public class AccessTokenDirectory {

    public record TokenEntry(String tokenId, Role role, Set<String> projects) {
    }

    static final Duration REMEMBER_VALID = Duration.ofSeconds(2);
    /** More valid tokens than this in use at once is unexpected; the memory is then simply emptied. */
    private static final int REMEMBERED_AT_MOST = 10_000;

    private record Remembered(TokenEntry entry, long validUntilNanos) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Remembered> recentlyValid = new ConcurrentHashMap<>();

    public AccessTokenDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Before a rebuild from the event store (LookupRebuild). */
    @ResetHandler
    void reset() {
        LookupRebuild.empty(jdbc, "access_token");
        recentlyValid.clear();
    }

    @EventHandler
    void on(AccessTokenIssued event) {
        jdbc.update("INSERT INTO access_token (token_id, name, role, projects, token_hash) VALUES (?, ?, ?, ?, ?)",
                event.tokenId(), event.name(), event.role().name(), event.projects().toArray(String[]::new), event.tokenHash());
    }

    @EventHandler
    void on(AccessTokenRevoked event) {
        jdbc.update("UPDATE access_token SET revoked = TRUE WHERE token_id = ?", event.tokenId());
        forget(event.tokenId());
        // a request between here and the commit may still read the row as valid and remember it
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(u -> forget(event.tokenId())));
    }

    private void forget(String tokenId) {
        recentlyValid.values().removeIf(remembered -> remembered.entry().tokenId().equals(tokenId));
    }

    public Optional<TokenEntry> findValidByHash(String tokenHash) {
        long now = System.nanoTime();
        Remembered remembered = recentlyValid.get(tokenHash);
        if (remembered != null && now - remembered.validUntilNanos() < 0) {
            return Optional.of(remembered.entry());
        }
        Optional<TokenEntry> entry = readValidByHash(tokenHash);
        if (entry.isPresent()) {
            if (recentlyValid.size() >= REMEMBERED_AT_MOST) {
                recentlyValid.clear();
            }
            recentlyValid.put(tokenHash, new Remembered(entry.get(), now + REMEMBER_VALID.toNanos()));
        } else {
            recentlyValid.remove(tokenHash);
        }
        return entry;
    }

    private Optional<TokenEntry> readValidByHash(String tokenHash) {
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
