package se.samverkan.query.dashboard;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Reads the recent-changes feed. */
@Component
public class RecentChanges {

    public record Change(long eventIndex, Instant at, String type, String summary, String userId) {
    }

    private final JdbcTemplate jdbc;

    public RecentChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first. */
    public List<Change> latest(String projectId, int limit) {
        return jdbc.query("""
                SELECT event_index, occurred_at, event_type, summary, user_id FROM recent_change
                WHERE project_id = ? ORDER BY event_index DESC LIMIT ?""",
                (rs, i) -> new Change(rs.getLong("event_index"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("event_type"), rs.getString("summary"), rs.getString("user_id")),
                projectId, limit);
    }

    /** The global index of the project's newest event in the feed; 0 before the first. */
    public long lastEventIndex(String projectId) {
        Long last = jdbc.queryForObject("SELECT max(event_index) FROM recent_change WHERE project_id = ?", Long.class, projectId);
        return last == null ? 0 : last;
    }
}
