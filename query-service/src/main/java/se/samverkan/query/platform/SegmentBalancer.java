package se.samverkan.query.platform;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Spreads the event processors' segments over the running query-service instances with Axon's own means: it is
 * the pooled processors' {@link MaxSegmentProvider}, answering each processor's fair share
 * (ceil(segments / live instances)); the coordinator asks it at every claim cycle, claims up to it and releases
 * what it holds above it, which another instance then claims.
 *
 * <p>What Axon cannot do is know how many instances are alive: its token store shows only the owners of claimed
 * segments, so an instance that holds none yet is invisible. Hence the heartbeat: every balance interval each
 * instance writes it (table query_instance) and reads, in one statement, the instances seen within two intervals
 * and every processor's segment count; the provider answers from those figures, without a query of its own.
 * A killed instance stops beating and stops extending its claims: the others count it out after two intervals
 * (before its claims expire, so their share has grown by then) and claim its segments once its claims are older
 * than the claim timeout.
 */
@Component
public class SegmentBalancer implements MaxSegmentProvider {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    /** Instances gone this many claim timeouts ago leave nothing behind. */
    private static final int FORGET_AFTER_CLAIM_TIMEOUTS = 10;

    private final JdbcTemplate jdbc;
    private final QueryInstance instance;
    private final ScaleOutSettings settings;
    private volatile Shares shares = new Shares(1, Map.of());

    public SegmentBalancer(JdbcTemplate jdbc, QueryInstance instance, ScaleOutSettings settings) {
        this.jdbc = jdbc;
        this.instance = instance;
        this.settings = settings;
    }

    /** The live instances and each processor's segments, as last read. */
    private record Shares(int liveInstances, Map<String, Integer> segments) {
    }

    @Override
    public int getMaxSegments(String processorName) {
        Shares now = shares;
        Integer segments = now.segments().get(processorName);
        // segments not known yet (the processor is about to create them): no limit, as Axon's default
        return segments == null || segments == 0 ? Short.MAX_VALUE : fairShare(segments, now.liveInstances());
    }

    @Scheduled(fixedDelayString = "${samverkan.processing.balance-interval:3s}")
    public void balance() {
        jdbc.update("WITH gone AS (DELETE FROM query_instance WHERE last_seen < now() - ? * interval '1 millisecond')"
                        + " INSERT INTO query_instance (instance_id, last_seen) VALUES (?, now())"
                        + " ON CONFLICT (instance_id) DO UPDATE SET last_seen = now()",
                settings.claimTimeout().toMillis() * FORGET_AFTER_CLAIM_TIMEOUTS, instance.id());
        Map<String, Integer> segments = new HashMap<>();
        int[] live = {1};
        // live instances by the database's clock (the machines' clocks may differ); a miscount is harmless: an
        // instance counted out gets no segments handed to it for a round
        jdbc.query("SELECT (SELECT count(*) FROM query_instance WHERE last_seen > now() - ? * interval '1 millisecond') AS live,"
                        + " processor_name, count(*) AS segments FROM token_entry GROUP BY processor_name",
                row -> {
                    live[0] = Math.max(1, row.getInt("live"));
                    segments.put(row.getString("processor_name"), row.getInt("segments"));
                }, settings.balanceInterval().toMillis() * 2);
        Shares before = shares;
        shares = new Shares(live[0], Map.copyOf(segments));
        if (before.liveInstances() != live[0]) {
            log.info("{} live query instance(s): each claims at most its fair share of every processor's segments", live[0]);
        }
    }

    static int fairShare(int segments, int liveInstances) {
        return (segments + Math.max(1, liveInstances) - 1) / Math.max(1, liveInstances);
    }

    /** A stopped instance says so at once, rather than after two balance intervals. */
    @PreDestroy
    public void leave() {
        try {
            jdbc.update("DELETE FROM query_instance WHERE instance_id = ?", instance.id());
        } catch (RuntimeException e) {
            log.debug("Could not remove the heartbeat of {}", instance.id(), e);
        }
    }
}
