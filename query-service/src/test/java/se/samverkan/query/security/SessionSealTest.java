package se.samverkan.query.security;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class SessionSealTest {

    @Test
    void onlyTheSessionIdThatSealedATokenOpensIt() {
        String sealed = SessionSeal.seal("session-one", "the-secret-token");

        assertThat(sealed).doesNotContain("the-secret-token");
        assertThat(SessionSeal.open("session-one", sealed)).hasValue("the-secret-token");
        assertThat(SessionSeal.open("session-two", sealed)).isEmpty();
    }

    @Test
    void aChangedOrDamagedSealOpensToNothing() {
        byte[] sealed = Base64.getDecoder().decode(SessionSeal.seal("session-one", "the-secret-token"));
        sealed[sealed.length - 1] ^= 1;

        assertThat(SessionSeal.open("session-one", Base64.getEncoder().encodeToString(sealed))).isEmpty();
        assertThat(SessionSeal.open("session-one", "not base64 at all!")).isEmpty();
        assertThat(SessionSeal.open("session-one", "")).isEmpty();
    }

    @Test
    void sealingTwiceGivesDifferentTexts() {
        assertThat(SessionSeal.seal("s", "t")).isNotEqualTo(SessionSeal.seal("s", "t"));
    }
}
