package se.samverkan.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The classification of unreadable bodies, against a mapper set up as the services' yml sets up Spring's. */
class JsonInputProblemTest {

    record Participants(Integer women, Integer men) {
    }

    record Meeting(String title, Integer workPackage, List<String> organisations, Participants participants) {
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private static JsonInputProblem problemReading(byte[] body) {
        Throwable failure = catchThrowable(() -> STRICT.readValue(body, Meeting.class));
        assertThat(failure).as("reading must fail").isNotNull();
        return JsonInputProblem.of(failure);
    }

    private static JsonInputProblem problemReading(String body) {
        return problemReading(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void notOneWellFormedJsonValueIsMalformed() {
        assertThat(problemReading("{\"title\": \"cut off").status()).isEqualTo(400);
        assertThat(problemReading("{\"title\": \"a\"} {}").status()).isEqualTo(400);
        assertThat(problemReading("{\"title\": \"a\"}]").status()).isEqualTo(400);
        assertThat(problemReading("{\"title\": \"a\", \"title\": \"b\"}").message()).contains("Duplicate field 'title'");
        assertThat(problemReading(new byte[]{'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'}).status())
                .isEqualTo(400);
        assertThat(problemReading("[1, 2]").status()).isEqualTo(400);
    }

    @Test
    void anUnknownFieldIsNamed() {
        JsonInputProblem problem = problemReading("{\"title\": \"a\", \"colour\": \"red\"}");

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.field()).isEqualTo("colour");
        assertThat(problem.message()).contains("organisations, participants, title, workPackage");
    }

    @Test
    void aDecimalOrTextWhereAWholeNumberBelongsIsNamed() {
        assertThat(problemReading("{\"workPackage\": 1.5}")).isEqualTo(new JsonInputProblem(422, "workPackage",
                "must be a whole number written as a JSON integer, like 3 (not 1.5, 3.0 or \"3\")"));
        assertThat(problemReading("{\"participants\": {\"women\": 2.5}}").field()).isEqualTo("participants.women");
        assertThat(problemReading("{\"workPackage\": \"1\"}").field()).isEqualTo("workPackage");
    }

    @Test
    void anOutOfRangeNumberIsNamed() {
        JsonInputProblem problem = problemReading("{\"workPackage\": 99999999999999}");

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.field()).isEqualTo("workPackage");
        assertThat(problem.message()).startsWith("is out of range");
    }

    @Test
    void aWrongShapeInsideIsNamed() {
        assertThat(problemReading("{\"organisations\": \"556677-8899\"}").field()).isEqualTo("organisations");
        assertThat(problemReading("{\"organisations\": [[]]}").field()).isEqualTo("organisations[0]");
    }
}
