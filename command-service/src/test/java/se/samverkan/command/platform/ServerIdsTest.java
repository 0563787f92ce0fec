package se.samverkan.command.platform;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ServerIdsTest {

    @Test
    void idsAreRandomVersion4UuidsAsUuidRandomUuidMakesThem() {
        String id = ServerIds.newId();
        UUID parsed = UUID.fromString(id);
        assertThat(parsed.toString()).isEqualTo(id);
        assertThat(parsed.version()).isEqualTo(4);
        assertThat(parsed.variant()).isEqualTo(2);
    }

    @Test
    void threadsEachWithTheirOwnGeneratorNeverRepeatAnId() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 20_000).parallel().forEach(i -> ids.add(ServerIds.newId()));
        assertThat(ids).hasSize(20_000);
    }
}
