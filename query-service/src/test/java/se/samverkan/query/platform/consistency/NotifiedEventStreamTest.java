package se.samverkan.query.platform.consistency;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors' stream: reads when woken, and after a full batch reads the next one ahead. */
class NotifiedEventStreamTest {

    private static final int BATCH = 1000;

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final AtomicInteger readsAhead = new AtomicInteger();
    private final ExecutorService readAhead = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        readAhead.shutdownNow();
    }

    @Test
    void aReplayGetsEveryEventOnceInOrderWithTheBatchesAfterAFullOneReadAhead() throws InterruptedException {
        append(0, 2_500);
        NotifiedEventStream stream = new NotifiedEventStream(storage, null, BATCH, Duration.ofHours(1),
                task -> readAhead.execute(() -> {
                    readsAhead.incrementAndGet();
                    task.run();
                }), closed -> {
                });

        List<String> seen = new ArrayList<>();
        while (stream.hasNextAvailable()) {
            seen.add((String) stream.nextAvailable().getPayload());
        }

        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 2_500).mapToObj(i -> "event " + i).toList());
        assertThat(readsAhead).as("after each of the two full batches").hasValue(2);

        // caught up: the store is read again only when woken
        append(2_500, 1);
        assertThat(stream.hasNextAvailable()).isFalse();
        stream.wake();
        assertThat(stream.hasNextAvailable()).isTrue();
        TrackedEventMessage<?> last = stream.nextAvailable();
        assertThat(last.getPayload()).isEqualTo("event 2500");
        assertThat(readsAhead).as("a read smaller than a batch reads nothing ahead").hasValue(2);
        stream.close();
    }

    private void append(int from, int count) {
        storage.appendEvents(IntStream.range(from, from + count)
                .mapToObj(i -> new GenericDomainEventMessage<>("Meeting", "meeting-" + i, 0, "event " + i))
                .toList());
    }
}
