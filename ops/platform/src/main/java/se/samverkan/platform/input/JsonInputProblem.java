package se.samverkan.platform.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.CharConversionException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an unreadable JSON request body means for the client, the same in both services: 400 when it is
 * not one well-formed JSON value in UTF-8 (truncated, invalid bytes, content after the value, duplicate
 * keys), 422 naming the field when it is JSON that does not fit the request (unknown field, a decimal
 * where a whole number belongs, a wrong type).
 */
public record JsonInputProblem(int status, String field, String message) {

    public static final int MALFORMED = 400;
    public static final int INVALID = 422;

    /** Classifies the cause of an unreadable body; null when the body was missing altogether. */
    public static JsonInputProblem of(Throwable failure) {
        StreamReadException syntax = find(failure, StreamReadException.class);
        if (syntax != null && !(syntax instanceof InputCoercionException)) {
            return malformed("The request body is not well-formed JSON in UTF-8: " + syntax.getOriginalMessage());
        }
        if (find(failure, CharConversionException.class) != null) {
            return malformed("The request body is not valid UTF-8.");
        }
        JsonMappingException mapping = fieldProblem(failure);
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return new JsonInputProblem(INVALID, path(unknown), "is not a field of this request; its fields are "
                    + known(unknown.getKnownPropertyIds()));
        }
        if (syntax instanceof InputCoercionException coercion) {
            return new JsonInputProblem(INVALID, mapping == null ? "" : path(mapping), "is out of range: "
                    + coercion.getOriginalMessage().replaceAll(" of type .*", ""));
        }
        if (mapping != null) {
            return new JsonInputProblem(INVALID, path(mapping), expected(mapping));
        }
        MismatchedInputException mismatch = find(failure, MismatchedInputException.class);
        if (mismatch != null && mismatch.getOriginalMessage().startsWith("Trailing token")) {
            return malformed("The request body has content after its JSON value; send exactly one JSON object.");
        }
        if (mismatch != null && mismatch.getOriginalMessage().startsWith("No content")) {
            return malformed("The request needs a JSON body.");
        }
        if (mismatch != null) {
            return malformed("The request body must be a JSON object with the fields of this request.");
        }
        JsonProcessingException json = find(failure, JsonProcessingException.class);
        if (json != null) {
            return malformed("The request body is not valid JSON: " + json.getOriginalMessage());
        }
        return malformed("The request needs a JSON body.");
    }

    public boolean isMalformed() {
        return status == MALFORMED;
    }

    private static JsonInputProblem malformed(String message) {
        return new JsonInputProblem(MALFORMED, null, message);
    }

    /** The outermost mapping problem that knows which field it is about, if any. */
    private static JsonMappingException fieldProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                return mapping;
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids == null || ids.isEmpty() ? "listed in the API description"
                : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String expected(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return "has the wrong type; see the API description";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "must be a whole number written as a JSON integer, like 3 (not 1.5, 3.0 or \"3\")";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "has the wrong type: expected a number";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "has the wrong type: expected a list";
        }
        if (type == String.class) {
            return "has the wrong type: expected text";
        }
        return "has the wrong type: expected " + (type.isRecord() ? "an object" : type.getSimpleName());
    }
}
