package se.samverkan.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Swedish organisationsnummer ({@code NNNNNN-NNNN}, Luhn check digit) or a Norwegian
 * organisasjonsnummer (9 digits, modulus 11 with weights 3,2,7,6,5,4,3,2).
 * Always held in its canonical written form: Swedish with the hyphen, Norwegian as 9 digits.
 */
public record OrgNumber(String value) {

    private static final int[] NORWEGIAN_WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    public OrgNumber {
        if (value == null || !(isSwedish(value) || isNorwegian(value))) {
            throw new IllegalArgumentException(describeProblem(value));
        }
    }

    @JsonCreator
    public static OrgNumber of(String value) {
        return new OrgNumber(canonical(value));
    }

    @JsonValue
    public String value() {
        return value;
    }

    public Country country() {
        return isSwedish(value) ? Country.SE : Country.NO;
    }

    /** Accepts the usual ways people write the number: with or without the hyphen or spaces. */
    public static String canonical(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replace(" ", "").replace("-", "");
        if (digits.length() == 10 && digits.chars().allMatch(Character::isDigit)) {
            return digits.substring(0, 6) + "-" + digits.substring(6);
        }
        return digits;
    }

    /** Null when the number is valid, otherwise a plain sentence saying what is wrong. */
    public static String problemWith(String raw) {
        String canonical = canonical(raw);
        if (canonical != null && (isSwedish(canonical) || isNorwegian(canonical))) {
            return null;
        }
        return describeProblem(canonical);
    }

    public static boolean isValid(String raw) {
        return problemWith(raw) == null;
    }

    private static String describeProblem(String value) {
        if (value == null || value.isBlank()) {
            return "is required: a Swedish organisationsnummer (NNNNNN-NNNN) or a Norwegian organisasjonsnummer (9 digits)";
        }
        String digits = value.replace("-", "");
        if (!digits.chars().allMatch(Character::isDigit) || (digits.length() != 10 && digits.length() != 9)) {
            return "must be a Swedish organisationsnummer (NNNNNN-NNNN) or a Norwegian organisasjonsnummer (9 digits), not '" + value + "'";
        }
        return digits.length() == 10
                ? "'" + value + "' has a wrong check digit (Luhn) for a Swedish organisationsnummer"
                : "'" + value + "' has a wrong check digit (modulus 11) for a Norwegian organisasjonsnummer";
    }

    static boolean isSwedish(String value) {
        if (!value.matches("\\d{6}-\\d{4}")) {
            return false;
        }
        String digits = value.replace("-", "");
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    static boolean isNorwegian(String value) {
        if (!value.matches("\\d{9}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (value.charAt(i) - '0') * NORWEGIAN_WEIGHTS[i];
        }
        int remainder = sum % 11;
        int check = remainder == 0 ? 0 : 11 - remainder;
        return check != 10 && check == value.charAt(8) - '0';
    }

    @Override
    public String toString() {
        return value;
    }
}
