package se.samverkan.command.platform;

import org.junit.jupiter.api.Test;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;


import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/** Every write answers Samverkan-Position: the global index of the last event that stands for it. */
class StorePositionIT extends CommandServiceIT {

    private long globalIndex(String aggregateId, long sequenceNumber) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class, aggregateId, sequenceNumber);
    }

    private long lastGlobalIndex(String aggregateId) {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    private static long position(Answer answer) {
        assertThat(answer.header("Samverkan-Position")).as("Samverkan-Position of " + answer.body()).matches("[0-9]+");
        return Long.parseLong(answer.header("Samverkan-Position"));
    }

    @Test
    void aCreateAnswersThePositionOfItsEventAndARepeatedCreateThatOfTheOriginal() {
        String organisation = uniqueId("org");
        Map<String, Object> body = Map.of("id", organisation, "orgNumber", randomSwedish(),
                "name", "Karlstads universitet", "country", "SE", "category", "ACADEMIA");
        Answer first = expect(201, api.post(ADMIN_TOKEN, "/api/organisations", body));
        assertThat(position(first)).isEqualTo(globalIndex(organisation, 0));

        // something else is stored in between, so the original's position is not simply the head
        expect(201, api.post(ADMIN_TOKEN, "/api/admin/tokens", Map.of("name", "in between", "role", "PARTNER")));
        Answer again = expect(201, api.post(ADMIN_TOKEN, "/api/organisations", body));
        assertThat(position(again)).isEqualTo(position(first));
    }

    @Test
    void aChangeAnswersThePositionOfItsLastEventAndAnIdenticalRepeatThatOfTheAggregatesLastEvent() {
        String beneficiary = randomSwedish();
        expect(201, api.post(ADMIN_TOKEN, "/api/organisations", Map.of("id", uniqueId("org"), "orgNumber", beneficiary,
                "name", "Coompanion Värmland", "country", "SE", "category", "CIVIL_SOCIETY")));
        String project = uniqueId("siv");
        Answer created = expect(201, api.post(ADMIN_TOKEN, "/api/projects", Map.of("id", project, "caseId", "20363457",
                "name", "Social Innovation Värmland", "programme", "ERUF",
                "periodStart", "2023-10-01", "periodEnd", "2026-09-30", "beneficiaryOrgNumber", beneficiary)));
        Answer planned = expect(201, api.post(ADMIN_TOKEN, "/api/projects/" + project + "/work-packages", Map.of("number", 1,
                "name", "Arbetspaket 1", "plannedStart", "2023-10-01", "plannedEnd", "2024-03-31")));
        assertThat(position(planned)).isEqualTo(lastGlobalIndex(project)).isGreaterThan(position(created));

        String report = uniqueId("report");
        expect(201, api.post(ADMIN_TOKEN, "/api/projects/" + project + "/reports", Map.of("id", report, "number", 1,
                "periodStart", "2023-10-01", "periodEnd", "2024-03-31")));
        String answerPath = "/api/reports/" + report + "/answers/revenue";
        Answer answered = expect(200, api.put(ADMIN_TOKEN, answerPath, Map.of("answer", "NO", "text", "")));
        assertThat(position(answered)).isEqualTo(lastGlobalIndex(report));

        expect(201, api.post(ADMIN_TOKEN, "/api/admin/tokens", Map.of("name", "in between", "role", "PARTNER")));
        Answer repeated = expect(200, api.put(ADMIN_TOKEN, answerPath, Map.of("answer", "NO", "text", "")));
        assertThat(position(repeated)).as("an identical repeat stores nothing and points at what already says it")
                .isEqualTo(position(answered));
    }

    @Test
    void issuingAndRevokingATokenAnswerTheirPositions() {
        Answer issued = expect(201, api.post(ADMIN_TOKEN, "/api/admin/tokens", Map.of("name", "partner", "role", "PARTNER")));
        String tokenId = issued.json().get("id").asText();
        assertThat(position(issued)).isEqualTo(globalIndex(tokenId, 0));
        Answer revoked = expect(204, api.send("DELETE", ADMIN_TOKEN, "/api/admin/tokens/" + tokenId, null, Map.of()));
        assertThat(position(revoked)).isEqualTo(globalIndex(tokenId, 1));
    }
}
