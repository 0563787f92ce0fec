package se.samverkan.query.security;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.security.AccessTokenIssued;
import se.samverkan.events.security.AccessTokenRevoked;
import se.samverkan.events.security.Role;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.platform.security.Tokens;
import se.samverkan.platform.settings.SamverkanSettings;
import se.samverkan.query.platform.consistency.ConsistencySettings;
import se.samverkan.query.platform.consistency.ProcessedPositions;
import se.samverkan.query.platform.replay.ReadModel;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import se.samverkan.platform.security.Caller;

/**
 * The tokens the query service accepts: the configured admin token, and issued tokens as their
 * events tell (projected here). A token unknown here may have been issued a moment ago: then the check
 * waits (briefly, bounded) until this projection has reached the store's head and looks again, so a
 * token works on its first request. Also the browser sessions that stand for a token.
 *
 * <p>A rebuild keeps every token working while the tokens are replayed: instead of emptying the table,
 * its reset handler marks every row, the replay confirms the rows its events justify, and
 * {@link #rebuilt()} removes the rest. Revocations stay in force throughout (a replayed issue never
 * clears one). A token issued during a rebuild works once the replay has reached it.
 *
 * <p>A revocation counts from the moment it is stored: every check also looks for the token's
 * AccessTokenRevoked in the event store itself, so a projection that lags (or a rebuild) never keeps a
 * revoked token alive. An ADMIN token issued with projects (before ADMIN tokens were refused a scope) is
 * not accepted at all.
 *
 * <p>A token found valid is remembered for {@link #REMEMBER_VALID}, so that a client's every request (and an
 * open stream's every check) does not read the table and the store again: a revocation is in force within that
 * time (the contract allows 5 s). Unknown and revoked tokens are never remembered.
 */
@Component
@ProcessingGroup(AccessTokens.PROCESSING_GROUP)
public class AccessTokens implements ReadModel {

    public static final String SETTINGS_ADMIN_ID = "admin";
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String PROCESSING_GROUP = "security";
    static final Duration REMEMBER_VALID = Duration.ofSeconds(2);
    /** More valid tokens than this in use at once is unexpected; the memory is then simply emptied. */
    private static final int REMEMBERED_AT_MOST = 10_000;

    private record Remembered(Caller caller, long validUntilNanos) {
    }

    private final Map<String, Remembered> recentlyValid = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;
    private final String adminTokenHash;
    private final ProcessedPositions positions;
    private final ConsistencySettings consistency;

    public AccessTokens(JdbcTemplate jdbc, SamverkanSettings settings, ProcessedPositions positions, ConsistencySettings consistency) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.consistency = consistency;
        this.adminTokenHash = settings.adminToken() == null || settings.adminToken().isBlank()
                ? null : Tokens.hash(settings.adminToken());
    }

    @EventHandler
    void on(AccessTokenIssued event) {
        jdbc.update("""
                INSERT INTO access_token (token_id, name, role, projects, token_hash) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (token_id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
                    projects = EXCLUDED.projects, token_hash = EXCLUDED.token_hash, rebuild_pending = FALSE""",
                event.tokenId(), event.name(), event.role().name(), event.projects().toArray(String[]::new), event.tokenHash());
    }

    @EventHandler
    void on(AccessTokenRevoked event) {
        jdbc.update("UPDATE access_token SET revoked = TRUE WHERE token_id = ?", event.tokenId());
        recentlyValid.values().removeIf(remembered -> remembered.caller().userId().equals(event.tokenId()));
        jdbc.update("DELETE FROM web_session WHERE token_hash IN (SELECT token_hash FROM access_token WHERE token_id = ?)",
                event.tokenId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("UPDATE access_token SET rebuild_pending = TRUE");
    }

    @Override
    public void rebuilt() {
        jdbc.update("DELETE FROM access_token WHERE rebuild_pending");
    }

    /** The caller a secret token stands for, if it is valid. */
    public Optional<Caller> identify(String token) {
        return byHashIncludingNewTokens(Tokens.hash(token));
    }

    /** Starts a browser session for a valid token; answers the cookie value. */
    public Optional<String> startSession(String token) {
        String tokenHash = Tokens.hash(token);
        if (byHashIncludingNewTokens(tokenHash).isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("DELETE FROM web_session WHERE expires_at < now()");
        jdbc.update("INSERT INTO web_session (session_hash, token_hash, expires_at, sealed_token) VALUES (?, ?, ?, ?)",
                Tokens.hash(sessionId), tokenHash, Timestamp.from(Instant.now().plus(SESSION_LIFETIME)),
                SessionSeal.seal(sessionId, token));
        return Optional.of(sessionId);
    }

    public Optional<Caller> identifySession(String sessionId) {
        List<String> tokenHashes = jdbc.queryForList(
                "SELECT token_hash FROM web_session WHERE session_hash = ? AND expires_at > now()",
                String.class, Tokens.hash(sessionId));
        return tokenHashes.stream().findFirst().flatMap(this::byHash);
    }

    /**
     * The token a live session of a still valid token stands for, so that the pages' writes can be
     * forwarded to the command service in its name; empty for sessions started before tokens were sealed.
     */
    public Optional<String> sessionToken(String sessionId) {
        if (identifySession(sessionId).isEmpty()) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT sealed_token FROM web_session WHERE session_hash = ? AND sealed_token IS NOT NULL",
                        String.class, Tokens.hash(sessionId)).stream().findFirst()
                .flatMap(sealed -> SessionSeal.open(sessionId, sealed));
    }

    public void endSession(String sessionId) {
        jdbc.update("DELETE FROM web_session WHERE session_hash = ?", Tokens.hash(sessionId));
    }

    /** What a request authenticated with: a Bearer token or a session cookie, by hash only. */
    public record Credential(boolean session, String hash) {
        public static Credential ofToken(String token) {
            return new Credential(false, Tokens.hash(token));
        }

        public static Credential ofSession(String sessionId) {
            return new Credential(true, Tokens.hash(sessionId));
        }
    }

    /** Whether the credential still identifies a caller (an open event stream asks this again and again). */
    public boolean stillValid(Credential credential) {
        if (!credential.session()) {
            return byHash(credential.hash()).isPresent();
        }
        return jdbc.queryForList("SELECT token_hash FROM web_session WHERE session_hash = ? AND expires_at > now()",
                String.class, credential.hash()).stream().findFirst().flatMap(this::byHash).isPresent();
    }

    /** As {@link #byHash}, but an unknown hash is looked up again once the tokens have caught up with the store. */
    private Optional<Caller> byHashIncludingNewTokens(String tokenHash) {
        Optional<Caller> caller = byHash(tokenHash);
        if (caller.isPresent()) {
            return caller;
        }
        try {
            // a wrong token waits only if the projection is behind, and at most the new-token wait
            if (positions.awaitProcessedByGroup(positions.storeHead(), PROCESSING_GROUP, consistency.newTokenWait())) {
                return byHash(tokenHash);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private Optional<Caller> byHash(String tokenHash) {
        long now = System.nanoTime();
        Remembered remembered = recentlyValid.get(tokenHash);
        if (remembered != null && now - remembered.validUntilNanos() < 0) {
            return Optional.of(remembered.caller());
        }
        Optional<Caller> caller = readByHash(tokenHash);
        if (caller.isPresent()) {
            if (recentlyValid.size() >= REMEMBERED_AT_MOST) {
                recentlyValid.clear();
            }
            recentlyValid.put(tokenHash, new Remembered(caller.get(), now + REMEMBER_VALID.toNanos()));
        } else {
            recentlyValid.remove(tokenHash);
        }
        return caller;
    }

    private Optional<Caller> readByHash(String tokenHash) {
        if (adminTokenHash != null && MessageDigest.isEqual(tokenHash.getBytes(), adminTokenHash.getBytes())) {
            return Optional.of(new Caller(SETTINGS_ADMIN_ID, Role.ADMIN, Set.of()));
        }
        return jdbc.query("SELECT token_id, role, projects FROM access_token WHERE token_hash = ? AND NOT revoked",
                        (rs, i) -> {
                            Array projects = rs.getArray("projects");
                            return new Caller(rs.getString("token_id"), Role.valueOf(rs.getString("role")),
                                    Set.of((String[]) projects.getArray()));
                        }, tokenHash).stream().findFirst()
                .filter(caller -> caller.role() != Role.ADMIN || caller.projects().isEmpty())
                .filter(caller -> !revokedInEventStore(caller.userId()));
    }

    /** The store, not the projection: a revocation is in force as soon as its event is committed. */
    private boolean revokedInEventStore(String tokenId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE aggregate_identifier = ? AND payload_type = ?)", Boolean.class, tokenId,
                AccessTokenRevoked.class.getName()));
    }
}
