package se.samverkan.query.platform;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Comparator;

/**
 * Spreads the event processors' segments over the running query-service instances. Axon's pooled processor
 * claims every segment it finds unclaimed, so the instance that starts first holds them all and a second one
 * would stay idle. Every few seconds each instance writes its heartbeat (table query_instance), counts the
 * instances seen within the claim timeout, and where it holds more than its fair share of a processor's
 * segments (ceil(segments / live instances)) it releases one, which another instance then claims.
 * A killed instance stops beating and stops extending its claims: the others count it out after two
 * balancing intervals (so, before its claims expire, they no longer hand segments to it) and claim its
 * segments once its claims are older than the claim timeout.
 */
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final QueryInstance instance;
    private final ScaleOutSettings settings;

    public SegmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc, QueryInstance instance,
                           ScaleOutSettings settings) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.instance = instance;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${samverkan.processing.balance-interval:3s}")
    public void balance() {
        heartbeat();
        int liveInstances = liveInstances();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                releaseOverFairShare(name, streaming, liveInstances);
            }
        });
    }

    /** Releases at most one segment per round, so the instances converge without handing segments back and forth. */
    private void releaseOverFairShare(String name, StreamingEventProcessor processor, int liveInstances) {
        Integer segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, name);
        if (segments == null || segments == 0) {
            return;
        }
        int fairShare = fairShare(segments, liveInstances);
        var held = processor.processingStatus().keySet();
        if (held.size() > fairShare) {
            int segment = held.stream().max(Comparator.naturalOrder()).orElseThrow();
            log.info("Releasing segment {} of {}: this instance holds {} of {} segments, its fair share with {} live instances is {}",
                    segment, name, held.size(), segments, liveInstances, fairShare);
            processor.releaseSegment(segment);
        }
    }

    static int fairShare(int segments, int liveInstances) {
        return (segments + Math.max(1, liveInstances) - 1) / Math.max(1, liveInstances);
    }

    private void heartbeat() {
        jdbc.update("INSERT INTO query_instance (instance_id, last_seen) VALUES (?, now())"
                + " ON CONFLICT (instance_id) DO UPDATE SET last_seen = now()", instance.id());
        // instances long gone leave nothing behind
        jdbc.update("DELETE FROM query_instance WHERE last_seen < now() - ? * interval '1 millisecond'",
                settings.claimTimeout().toMillis() * 10);
    }

    /**
     * Instances that beat within the last two balancing intervals, by the database's clock (the machines' clocks
     * may differ). Miscounting is harmless: an instance counted out gets no segments handed to it for a round.
     */
    private int liveInstances() {
        Integer live = jdbc.queryForObject("SELECT count(*) FROM query_instance WHERE last_seen > now() - ? * interval '1 millisecond'",
                Integer.class, settings.balanceInterval().toMillis() * 2);
        return live == null ? 1 : live;
    }

    /** A stopped instance says so at once, rather than after the claim timeout. */
    @PreDestroy
    public void leave() {
        try {
            jdbc.update("DELETE FROM query_instance WHERE instance_id = ?", instance.id());
        } catch (RuntimeException e) {
            log.debug("Could not remove the heartbeat of {}", instance.id(), e);
        }
    }
}
