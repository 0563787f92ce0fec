package se.samverkan.command.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.HashChain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

class OrganisationApiIT extends CommandServiceIT {

    private static Map<String, Object> organisation(String id, String orgNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("orgNumber", orgNumber);
        body.put("name", "Coompanion Värmland");
        body.put("country", "SE");
        body.put("category", "CIVIL_SOCIETY");
        return body;
    }

    private long eventCount(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }

    @Test
    void registersAnOrganisationAndAnswersARepeatedCreateAsTheFirstTime() {
        String id = uniqueId("org");
        Answer first = api.post(ADMIN_TOKEN, "/api/organisations", organisation(id, randomSwedish()));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("id").asText()).isEqualTo(id);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void idempotentCreateAndConflictOnDifferentBody() {
        String id = uniqueId("org");
        Map<String, Object> body = organisation(id, randomSwedish());
        Answer first = api.post(ADMIN_TOKEN, "/api/organisations", body);
        Answer again = api.post(ADMIN_TOKEN, "/api/organisations", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(eventCount(id)).isEqualTo(1);

        Map<String, Object> changed = new HashMap<>(body);
        changed.put("name", "Another name");
        Answer conflict = api.post(ADMIN_TOKEN, "/api/organisations", changed);
        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventCount(id)).isEqualTo(1);
    }

    @Test
    void aSecondOrganisationWithTheSameNumberIsAConflict() {
        String number = randomSwedish();
        assertThat(api.post(ADMIN_TOKEN, "/api/organisations", organisation(uniqueId("org"), number)).status()).isEqualTo(201);
        String second = uniqueId("org");
        Answer answer = api.post(ADMIN_TOKEN, "/api/organisations", organisation(second, number));
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.json().get("detail").asText()).contains(number);
        assertThat(eventCount(second)).isZero();
    }

    @Test
    void namesEveryInvalidFieldAndStoresNothing() {
        String id = uniqueId("org");
        Map<String, Object> body = organisation(id, "769604-7238");
        body.put("country", "DK");
        body.put("category", null);
        body.put("name", " ");
        Answer answer = api.post(ADMIN_TOKEN, "/api/organisations", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("orgNumber", "name", "country", "category");
        assertThat(problem.get("errors").get(0).get("message").asText()).isNotBlank();
        assertThat(eventCount(id)).isZero();
    }

    @Test
    void aNorwegianNumberNeedsCountryNo() {
        Map<String, Object> body = organisation(uniqueId("org"), "974760673");
        Answer answer = api.post(ADMIN_TOKEN, "/api/organisations", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("country");
        body.put("country", "NO");
        body.put("id", uniqueId("org"));
        // 974760673 (Brønnøysundregistrene) may already be registered by another test run in this database
        assertThat(api.post(ADMIN_TOKEN, "/api/organisations", body).status()).isIn(201, 409);
    }

    @Test
    void malformedJsonIs400WrongContentTypeIs415TooLargeIs413() {
        assertThat(api.post(ADMIN_TOKEN, "/api/organisations", "{\"id\": ").status()).isEqualTo(400);
        Answer wrongType = api.send("POST", ADMIN_TOKEN, "/api/organisations", "id=x", Map.of("Content-Type", "text/plain"));
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.header("Content-Type")).startsWith("application/problem+json");
        String big = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}";
        Answer tooLarge = api.post(ADMIN_TOKEN, "/api/organisations", big);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        Answer array = api.post(ADMIN_TOKEN, "/api/organisations", "[]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("detail").asText()).isEqualTo("The request body must be a JSON object with the fields of this request.");
        Answer wrongJsonType = api.post(ADMIN_TOKEN, "/api/organisations", "{\"name\": {\"a\": 1}}");
        assertThat(wrongJsonType.status()).as(wrongJsonType.body()).isEqualTo(422);
        assertThat(wrongJsonType.json().get("errors").findValuesAsText("field")).containsExactly("name");
    }

    @Test
    void tokensDecideWhoMayWrite() {
        Map<String, Object> body = organisation(uniqueId("org"), randomSwedish());
        assertThat(api.post(null, "/api/organisations", body).status()).isEqualTo(401);
        assertThat(api.post("wrong", "/api/organisations", body).status()).isEqualTo(401);
        String partner = issueToken("PARTNER", List.of());
        assertThat(api.post(partner, "/api/organisations", body).status()).isEqualTo(403);
        assertThat(api.post(partner, "/api/admin/tokens", Map.of("name", "x", "role", "ADMIN")).status()).isEqualTo(403);

        Answer issued = api.post(ADMIN_TOKEN, "/api/admin/tokens", Map.of("name", "coordinator", "role", "COORDINATOR", "projects", List.of()));
        String coordinator = issued.json().get("token").asText();
        assertThat(api.post(coordinator, "/api/organisations", body).status()).isEqualTo(201);
        String tokenId = issued.json().get("id").asText();
        assertThat(api.send("DELETE", ADMIN_TOKEN, "/api/admin/tokens/" + tokenId, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.post(coordinator, "/api/organisations", organisation(uniqueId("org"), randomSwedish())).status())
                .isEqualTo(401);
        assertThat(api.send("DELETE", ADMIN_TOKEN, "/api/admin/tokens/no-such-token", null, Map.of()).status()).isEqualTo(404);
        // only the hash of a token is stored
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Long.class, "%" + coordinator + "%")).isZero();
    }

    @Test
    void everyEventCarriesAuditMetadataAndItsLinkInTheHashChain() {
        String id = uniqueId("org");
        assertThat(api.send("POST", ADMIN_TOKEN, "/api/organisations", organisation(id, randomSwedish()),
                Map.of("X-Correlation-Id", "corr-123")).status()).isEqualTo(201);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ?", id);
        Map<String, Object> metadata = HashChain.readMetadata((byte[]) row.get("meta_data"));
        assertThat(metadata).containsEntry(AuditMetadata.USER_ID, "admin").containsEntry(AuditMetadata.ROLE, "ADMIN")
                .containsEntry(AuditMetadata.CORRELATION_ID, "corr-123").containsKeys(AuditMetadata.CAUSATION_ID, AuditMetadata.CLIENT_IP);
        assertThat(metadata.get(AuditMetadata.PREVIOUS_HASH)).isEqualTo(HashChain.GENESIS);
        // hash version 2: the stored instant, exactly as in time_stamp, is covered too
        assertThat(metadata.get(AuditMetadata.HASH_VERSION)).isEqualTo(2);
        String recomputed = HashChain.hash(2, HashChain.GENESIS, id, 0, (String) row.get("payload_type"),
                (String) row.get("payload_revision"), (String) row.get("time_stamp"), (byte[]) row.get("payload"),
                (byte[]) row.get("meta_data"));
        assertThat(metadata.get(AuditMetadata.HASH)).isEqualTo(recomputed);
    }

    @Test
    void theEventStoreRefusesUpdatesAndDeletes() {
        String id = uniqueId("org");
        api.post(ADMIN_TOKEN, "/api/organisations", organisation(id, randomSwedish()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        jdbc.update("UPDATE domain_event_entry SET payload = payload WHERE aggregate_identifier = ?", id))
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", id))
                .hasMessageContaining("append-only");
    }

}
