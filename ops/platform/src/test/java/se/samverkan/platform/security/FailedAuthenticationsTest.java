package se.samverkan.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAuthenticationsTest {

    private final MovableClock clock = new MovableClock();
    private final FailedAuthentications failures = new FailedAuthentications(3, Duration.ofSeconds(60), 100, clock);

    @Test
    void anAddressIsRefusedAtTheLimitUntilItsOldestFailureLeavesTheWindow() {
        failures.recordFailure("10.0.0.1");
        clock.advance(Duration.ofSeconds(10));
        failures.recordFailure("10.0.0.1");
        assertThat(failures.refusedFor("10.0.0.1")).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        failures.recordFailure("10.0.0.1");

        assertThat(failures.refusedFor("10.0.0.1")).contains(Duration.ofSeconds(40));
        assertThat(failures.refusedFor("10.0.0.2")).as("another address").isEmpty();

        clock.advance(Duration.ofSeconds(40));
        assertThat(failures.refusedFor("10.0.0.1")).as("the first failure has left the window").isEmpty();
        failures.recordFailure("10.0.0.1");
        assertThat(failures.refusedFor("10.0.0.1")).as("three within the last minute again").contains(Duration.ofSeconds(10));
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        for (int i = 0; i < 3; i++) {
            failures.recordFailure("10.0.0.1");
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(failures.refusedFor("10.0.0.1")).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(failures.refusedFor("10.0.0.1")).isEmpty();
        assertThat(failures.rememberedAddresses()).isZero();
    }

    @Test
    void theNumberOfRememberedAddressesIsBoundedForgettingTheLeastRecentlySeen() {
        FailedAuthentications small = new FailedAuthentications(2, Duration.ofSeconds(60), 3, clock);
        small.recordFailure("a");
        small.recordFailure("a");
        small.recordFailure("b");
        small.recordFailure("c");
        small.recordFailure("a");
        small.recordFailure("d");

        assertThat(small.rememberedAddresses()).isEqualTo(3);
        assertThat(small.refusedFor("a")).as("seen recently, kept").isPresent();
        small.recordFailure("b");
        assertThat(small.refusedFor("b")).as("b was forgotten, so this is its first failure").isEmpty();
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(FailedAuthentications.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(FailedAuthentications.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(FailedAuthentications.retryAfterSeconds(Duration.ofSeconds(40))).isEqualTo(40);
        assertThat(FailedAuthentications.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
