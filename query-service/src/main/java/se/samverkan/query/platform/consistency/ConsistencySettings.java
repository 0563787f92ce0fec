package se.samverkan.query.platform.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param consistencyWait how long a read that asks for a position (Samverkan-Min-Position) waits for the read
 *                        models to reach it before it answers 503 (SAMVERKAN_CONSISTENCY_WAIT, default 5 s)
 */
@ConfigurationProperties("samverkan")
public record ConsistencySettings(Duration consistencyWait) {

    /** The most a request with an unknown token waits for the token projection before it is refused. */
    static final Duration NEW_TOKEN_WAIT = Duration.ofSeconds(2);

    public ConsistencySettings {
        consistencyWait = consistencyWait == null ? Duration.ofSeconds(5) : consistencyWait;
        if (consistencyWait.isNegative()) {
            throw new IllegalArgumentException("samverkan.consistency-wait (SAMVERKAN_CONSISTENCY_WAIT) must not be negative: "
                    + consistencyWait);
        }
    }

    /** How long authentication waits for a token that may have been issued a moment ago. */
    public Duration newTokenWait() {
        return consistencyWait.compareTo(NEW_TOKEN_WAIT) < 0 ? consistencyWait : NEW_TOKEN_WAIT;
    }
}
