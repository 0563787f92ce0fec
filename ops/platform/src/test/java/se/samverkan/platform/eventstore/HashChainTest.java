package se.samverkan.platform.eventstore;

import org.junit.jupiter.api.Test;


import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hashIsTheSha256OfTheDocumentedText() {
        String hash = HashChain.hash(HashChain.GENESIS, "org-1", 0, "a.B", "1",
                json("{\"b\": 1, \"a\": [ {\"y\": 2, \"x\": \"å\"} ]}"), json("{\"userId\":\"u\",\"hash\":\"ignored\"}"));
        String expectedText = HashChain.GENESIS + "\norg-1\n0\na.B\n1\n{\"a\":[{\"x\":\"å\",\"y\":2}],\"b\":1}\n{\"userId\":\"u\"}";
        assertThat(hash).isEqualTo(HashChain.sha256(expectedText)).hasSize(64);
    }

    @Test
    void keyOrderAndWhiteSpaceDoNotMatterButEveryValueDoes() {
        String a = HashChain.hash("p", "id", 3, "T", null, json("{\"a\":1,\"b\":\"x\"}"), json("{}"));
        String b = HashChain.hash("p", "id", 3, "T", "", json("{ \"b\" : \"x\", \"a\" : 1 }"), null);
        String changedValue = HashChain.hash("p", "id", 3, "T", null, json("{\"a\":2,\"b\":\"x\"}"), json("{}"));
        String changedSequence = HashChain.hash("p", "id", 4, "T", null, json("{\"a\":1,\"b\":\"x\"}"), json("{}"));
        String changedPrevious = HashChain.hash("q", "id", 3, "T", null, json("{\"a\":1,\"b\":\"x\"}"), json("{}"));
        String changedMetadata = HashChain.hash("p", "id", 3, "T", null, json("{\"a\":1,\"b\":\"x\"}"), json("{\"role\":\"ADMIN\"}"));
        assertThat(a).isEqualTo(b);
        assertThat(java.util.Set.of(a, changedValue, changedSequence, changedPrevious, changedMetadata)).hasSize(5);
    }

    @Test
    void decimalsKeepTheirWrittenForm() {
        String a = HashChain.hash("p", "id", 0, "T", "1", json("{\"target\":1.50}"), json("{}"));
        String b = HashChain.hash("p", "id", 0, "T", "1", json("{\"target\":1.5}"), json("{}"));
        assertThat(a).isNotEqualTo(b);
    }
}
