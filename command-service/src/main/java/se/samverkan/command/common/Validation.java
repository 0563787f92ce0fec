package se.samverkan.command.common;

import se.samverkan.events.OrgNumber;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every problem of a request or command before failing, so the answer names each invalid
 * field at once. Parsing methods return null for an invalid value (the problem is recorded).
 */
public final class Validation {

    public static final Pattern CLIENT_ID = Pattern.compile(
            "[a-z0-9][a-z0-9-]{1,62}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final List<FieldError> errors = new ArrayList<>();

    public Validation check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public String text(String field, String value) {
        check(value != null && !value.isBlank(), field, "is required");
        return value;
    }

    /** Optional free text: null becomes empty. */
    public String optionalText(String value) {
        return value == null ? "" : value;
    }

    public Integer number(String field, Integer value) {
        check(value != null, field, "is required");
        return value;
    }

    public LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required, as a date like 2024-05-27"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date like 2024-05-27, not '" + value + "'"));
            return null;
        }
    }

    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required, one of " + allowed));
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + allowed + ", not '" + value + "'"));
            return null;
        }
    }

    public OrgNumber orgNumber(String field, String value) {
        String problem = OrgNumber.problemWith(value);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return null;
        }
        return OrgNumber.of(value);
    }

    public List<OrgNumber> orgNumbers(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<OrgNumber> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            OrgNumber number = orgNumber(field + "[" + i + "]", values.get(i));
            if (number != null && !result.contains(number)) {
                result.add(number);
            }
        }
        return result;
    }

    /** A client-chosen id, or null when none was given (the caller generates one). */
    public String clientId(String field, String value) {
        if (value != null) {
            check(CLIENT_ID.matcher(value).matches(), field,
                    "must be 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit, or a UUID");
        }
        return value;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new RuleViolation(errors);
        }
    }
}
