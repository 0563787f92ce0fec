package se.samverkan.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrgNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"769604-7237", "232100-0156", "202100-3120", "556488-1315", "7696047237", "769604 7237"})
    void acceptsSwedishNumbersWithAValidLuhnDigit(String number) {
        assertThat(OrgNumber.isValid(number)).isTrue();
        assertThat(OrgNumber.of(number).country()).isEqualTo(Country.SE);
        assertThat(OrgNumber.of(number).value()).matches("\\d{6}-\\d{4}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"769604-7238", "232100-0157", "123456-7890"})
    void refusesSwedishNumbersWithAWrongCheckDigit(String number) {
        assertThat(OrgNumber.problemWith(number)).contains("Luhn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"974760673", "923609016", "982463718"})
    void acceptsNorwegianNumbersWithAValidModulus11Digit(String number) {
        assertThat(OrgNumber.isValid(number)).isTrue();
        assertThat(OrgNumber.of(number).country()).isEqualTo(Country.NO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"974760672", "923609017"})
    void refusesNorwegianNumbersWithAWrongCheckDigit(String number) {
        assertThat(OrgNumber.problemWith(number)).contains("modulus 11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "abcdef-ghij", "12345678901"})
    void refusesWhatIsNoOrganisationNumber(String number) {
        assertThat(OrgNumber.problemWith(number)).isNotNull();
        assertThatThrownBy(() -> OrgNumber.of(number)).isInstanceOf(IllegalArgumentException.class);
    }
}
