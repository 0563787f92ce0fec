package se.samverkan.query.platform.consistency;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One connection of this instance that LISTENs for PostgreSQL notifications and wakes whoever waits for them:
 * {@value #EVENTS_STORED} is sent by the event store's trigger when an append commits (see the event-store
 * migration V2), {@value #WEBHOOKS_QUEUED} by the webhook outbox when it queued deliveries. Waking is a hint:
 * every reader still polls slowly ({@link #FALLBACK_POLL}), so a notification lost while this connection was
 * away costs at most that delay; after a reconnect everyone is woken once.
 */
@Component
public class StoreNotifications implements SmartLifecycle {

    public static final String EVENTS_STORED = "samverkan_events";
    public static final String WEBHOOKS_QUEUED = "samverkan_webhooks";
    /**
     * How often readers look without being woken: a fallback for a notification lost while this connection was away,
     * so a few seconds; at idle every look is a query (issue 12: idle work near zero).
     */
    public static final Duration FALLBACK_POLL = Duration.ofSeconds(3);
    private static final int RECEIVE_TIMEOUT_MILLIS = 1_000;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(StoreNotifications.class);

    private final HikariDataSource dataSource;
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public StoreNotifications(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code listener} on the listening thread whenever {@code channel} is notified; it must be quick. */
    public void onNotification(String channel, Runnable listener) {
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Whether notifications are being received now (false: readers only poll). */
    public boolean isListening() {
        return listening;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(),
                    dataSource.getPassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EVENTS_STORED);
                    statement.execute("LISTEN " + WEBHOOKS_QUEUED);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                listening = true;
                // anything committed while nobody listened is found by the woken readers now
                listeners.keySet().forEach(this::wake);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(RECEIVE_TIMEOUT_MILLIS);
                    if (received != null && received.length > 0) {
                        java.util.Arrays.stream(received).map(PGNotification::getName).distinct().forEach(this::wake);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    log.warn("Listening for event-store notifications failed ({}); readers poll every {} until it is back",
                            e.toString(), FALLBACK_POLL);
                    sleep(RECONNECT_DELAY);
                }
            } finally {
                listening = false;
            }
        }
    }

    private void wake(String channel) {
        for (Runnable listener : listeners.getOrDefault(channel, List.of())) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("A wake-up listener of {} failed: {}", channel, e.toString());
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "store-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
