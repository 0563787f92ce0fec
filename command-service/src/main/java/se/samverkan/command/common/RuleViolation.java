package se.samverkan.command.common;

import java.util.List;
import java.util.stream.Collectors;

/** Valid JSON that breaks a rule (HTTP 422); names every invalid field. */
public class RuleViolation extends RuntimeException {

    private final List<FieldError> errors;

    public RuleViolation(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public RuleViolation(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
