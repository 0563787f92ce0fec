package se.samverkan.platform.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Tells an unavailable database (no connection within the pool's timeout, a connection broken or refused,
 * PostgreSQL shutting down or starting up) from every other failure, so that both services answer it with
 * 503 and Retry-After rather than 500: the request was fine, nothing was stored, trying again later works.
 */
public final class DatabaseOutage {

    /** The Retry-After of a 503 for an unavailable database: about the time the embedded server needs to restart. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** How long a request waits for a pooled connection before it is answered 503. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** How long checking a pooled connection may take (PostgreSQL is local or near). */
    public static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

    private DatabaseOutage() {
    }

    public static boolean isCauseOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
