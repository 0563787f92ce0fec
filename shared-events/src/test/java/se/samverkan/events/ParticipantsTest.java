package se.samverkan.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Non-negative counts: the one rule of participants, which the command service's requests are checked against. */
class ParticipantsTest {

    @Test
    void aNegativeCountIsAProblemNamingTheCount() {
        assertThat(Participants.problemWith(-3)).isEqualTo("cannot be negative (was -3)");
        assertThat(Participants.problemWith(0)).isNull();
        assertThat(Participants.problemWith(12)).isNull();
    }

    @Test
    void participantsWithANegativeCountCannotExist() {
        assertThatThrownBy(() -> new Participants(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Participants(2, 1, 0).total()).isEqualTo(3);
    }
}
