package se.samverkan.platform.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed authentications per client address, kept in memory: an address with {@code max-failures} failures
 * within the sliding {@code window} is refused (429, Retry-After) until its oldest counted failure leaves the
 * window; a correct token from another address is not affected. At most {@code max-addresses} addresses are
 * remembered, the least recently seen one being forgotten first, so a caller spraying addresses cannot fill
 * the memory. Settings: samverkan.auth-throttle.* (see the README, "Doors").
 */
public class FailedAuthentications {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures;

    @Autowired
    public FailedAuthentications(@Value("${samverkan.auth-throttle.max-failures:20}") int maxFailures,
                                 @Value("${samverkan.auth-throttle.window:1m}") Duration window,
                                 @Value("${samverkan.auth-throttle.max-addresses:10000}") int maxAddresses) {
        this(maxFailures, window, maxAddresses, Clock.systemUTC());
    }

    FailedAuthentications(int maxFailures, Duration window, int maxAddresses, Clock clock) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("samverkan.auth-throttle needs max-failures >= 1, a positive window and"
                    + " max-addresses >= 1");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        // access order: the eldest entry is the address seen least recently
        this.failures = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** How long the address must still wait, if it is refused now. */
    public synchronized Optional<Duration> refusedFor(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        forgetOld(times, now);
        if (times.isEmpty()) {
            failures.remove(address);
            return Optional.empty();
        }
        if (times.size() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
    }

    public synchronized void recordFailure(String address) {
        Instant now = clock.instant();
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        forgetOld(times, now);
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
    }

    /** The Retry-After value: whole seconds, rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }

    synchronized int rememberedAddresses() {
        return failures.size();
    }

    private void forgetOld(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }
}
