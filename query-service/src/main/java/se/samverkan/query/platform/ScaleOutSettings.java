package se.samverkan.query.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How several query-service instances share the event processors' segments (see {@link SegmentBalancer}).
 *
 * @param claimTimeout       a claim in token_entry not extended for this long may be taken by another instance,
 *                           so it bounds how long a killed instance's segments stay unprocessed (Axon's default is 10 s;
 *                           15 s lets an idle processor renew its claims only every 5 s)
 * @param tokenClaimInterval how often a processor looks for unclaimed or expired segments to claim, and asks its
 *                           max-segment provider for its share (each look is a query on token_entry, also at idle)
 * @param claimExtension     how often an idle processor renews its claims (an UPDATE of token_entry per segment, the
 *                           bulk of the idle work); Axon's coordinator looks only every claim extension or claim
 *                           interval when idle, so a renewal can come that much later: their sum must stay under the
 *                           claim timeout
 * @param balanceInterval    how often an instance beats and checks its share; it counts as alive for two intervals,
 *                           which should be shorter than the claim timeout so a dead instance is counted out before
 *                           its segments are taken over
 */
@ConfigurationProperties("samverkan.processing")
public record ScaleOutSettings(Duration claimTimeout, Duration tokenClaimInterval, Duration claimExtension,
                               Duration balanceInterval) {

    public ScaleOutSettings {
        claimTimeout = claimTimeout == null ? Duration.ofSeconds(15) : claimTimeout;
        tokenClaimInterval = tokenClaimInterval == null ? Duration.ofSeconds(5) : tokenClaimInterval;
        claimExtension = claimExtension == null ? Duration.ofSeconds(5) : claimExtension;
        balanceInterval = balanceInterval == null ? Duration.ofSeconds(3) : balanceInterval;
        Duration idleLook = claimExtension.compareTo(tokenClaimInterval) < 0 ? claimExtension : tokenClaimInterval;
        if (claimExtension.plus(idleLook).compareTo(claimTimeout) >= 0) {
            throw new IllegalArgumentException("samverkan.processing.claim-extension (" + claimExtension
                    + ") plus the smaller of it and token-claim-interval (" + tokenClaimInterval
                    + ") must be shorter than claim-timeout (" + claimTimeout + "), or live claims of idle processors expire");
        }
    }
}
