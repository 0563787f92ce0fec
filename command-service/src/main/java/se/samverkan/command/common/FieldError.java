package se.samverkan.command.common;

/** One invalid field of a request and what is wrong with it, in plain words. */
public record FieldError(String field, String message) {
}
