package se.samverkan.command.platform;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;
import se.samverkan.events.report.ReportQuestionAnswered;
import se.samverkan.events.testing.OrgNumbers;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports and projects are remembered between commands ({@link StoreCheckedAggregateCache}); another instance may
 * have written one meanwhile, and then the command must be decided on the stored state, not the remembered one.
 */
class AggregateCachingIT extends CommandServiceIT {

    @Autowired
    private EventStorageEngine eventStorageEngine;

    private static long version(Answer answer) {
        return Long.parseLong(answer.header("ETag").replace("\"", ""));
    }

    @Test
    void aReportAnotherInstanceChangedMeanwhileIsDecidedOnItsStoredState() {
        String beneficiary = OrgNumbers.randomSwedish();
        expect(201, api.post(ADMIN_TOKEN, "/api/organisations", Map.of("id", uniqueId("org"), "orgNumber", beneficiary,
                "name", "Coompanion Värmland", "country", "SE", "category", "CIVIL_SOCIETY")));
        String project = uniqueId("siv");
        expect(201, api.post(ADMIN_TOKEN, "/api/projects", Map.of("id", project, "caseId", "20363457",
                "name", "Social Innovation Värmland", "programme", "ERUF",
                "periodStart", "2023-10-01", "periodEnd", "2026-09-30", "beneficiaryOrgNumber", beneficiary)));
        String report = uniqueId("report");
        expect(201, api.post(ADMIN_TOKEN, "/api/projects/" + project + "/reports", Map.of("id", report, "number", 1,
                "periodStart", "2023-10-01", "periodEnd", "2024-03-31")));
        String answerPath = "/api/reports/" + report + "/answers/revenue";
        long answered = version(expect(200, api.put(ADMIN_TOKEN, answerPath, Map.of("answer", "NO", "text", ""))));

        // another command-service instance answers YES: its event is in the store, this instance never saw it
        eventStorageEngine.appendEvents(List.of(new GenericDomainEventMessage<>("ProgressReport", report, answered,
                new ReportQuestionAnswered(report, project, "revenue", se.samverkan.events.report.Answer.YES, null))));

        // remembered, the report would still say NO and take this for an identical repeat that stores nothing
        Answer again = expect(200, api.put(ADMIN_TOKEN, answerPath, Map.of("answer", "NO", "text", "")));
        assertThat(version(again)).as("a change on top of the other instance's answer").isEqualTo(answered + 2);
        List<String> answers = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number > 0 ORDER BY sequence_number", String.class, report);
        assertThat(answers).hasSize(3);
        assertThat(answers.get(1)).contains("\"YES\"");
        assertThat(answers.get(2)).contains("\"NO\"");
    }
}
