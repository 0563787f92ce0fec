package se.samverkan.platform.input;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The input rules of DESIGN.md that hold for every string of every request of both services: lengths,
 * one line or free text, no C0 control characters (free text may have tab, line feed and carriage
 * return), no lone surrogates, no non-characters, lists of at most 500 entries.
 *
 * <p>A request record's strings are lines unless their component is marked {@link FreeText} or
 * {@link Url}; nested records and list entries are checked too. Whether a value is required or has the
 * right form (a date, an organisation number...) is for the endpoint to say.
 */
public final class InputRules {

    public static final int MAX_LIST_ENTRIES = 500;

    /** How long a string may be and whether it may span lines. */
    public enum Kind {
        LINE(200, false), FREE_TEXT(10_000, true), URL(2_000, false);

        private final int maxLength;
        private final boolean multiLine;

        Kind(int maxLength, boolean multiLine) {
            this.maxLength = maxLength;
            this.multiLine = multiLine;
        }

        public int maxLength() {
            return maxLength;
        }
    }

    /** One broken rule: the field (as {@code a.b[2]}) and what to fix. */
    public record Problem(String field, String message) {
    }

    private InputRules() {
    }

    /** Every broken rule in a request body (a record, or null), in the order of its fields. */
    public static List<Problem> problemsIn(Object request) {
        List<Problem> problems = new ArrayList<>();
        if (request != null && request.getClass().isRecord()) {
            walkRecord("", request, problems);
        }
        return problems;
    }

    /** What is wrong with one string, or empty when it keeps the rules (null keeps them). */
    public static Optional<String> problemWith(String value, Kind kind) {
        if (value == null) {
            return Optional.empty();
        }
        int position = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            position++;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, value.charAt(++i));
                    if (isNonCharacter(codePoint)) {
                        return Optional.of(nonCharacter(codePoint, position));
                    }
                    continue;
                }
                return Optional.of("contains a lone surrogate (" + hex(c) + ") at character " + position
                        + "; send the text as valid UTF-8");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains a lone surrogate (" + hex(c) + ") at character " + position
                        + "; send the text as valid UTF-8");
            }
            if (c < 0x20) {
                boolean lineBreak = c == '\n' || c == '\r';
                if (kind.multiLine && (lineBreak || c == '\t')) {
                    continue;
                }
                return Optional.of(lineBreak
                        ? "must be on one line (it has a line break at character " + position + ")"
                        : "contains the control character " + hex(c) + " at character " + position + "; remove it");
            }
            if (isNonCharacter(c)) {
                return Optional.of(nonCharacter(c, position));
            }
        }
        int length = value.codePointCount(0, value.length());
        if (length > kind.maxLength) {
            return Optional.of("is " + length + " characters long; at most " + kind.maxLength + " are allowed");
        }
        return Optional.empty();
    }

    /** What is wrong with an id or key taken from a URL path (a line without slashes), or empty. */
    public static Optional<String> pathProblemWith(String value) {
        Optional<String> problem = problemWith(value, Kind.LINE);
        if (problem.isEmpty() && value != null && (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0)) {
            return Optional.of("must not contain '/' or '\\'");
        }
        return problem;
    }

    static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String nonCharacter(int codePoint, int position) {
        return "contains the non-character " + hex(codePoint) + " at character " + position + "; remove it";
    }

    private static String hex(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    private static void walkRecord(String prefix, Object record, List<Problem> problems) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Kind kind = component.isAnnotationPresent(FreeText.class) ? Kind.FREE_TEXT
                    : component.isAnnotationPresent(Url.class) ? Kind.URL : Kind.LINE;
            walk(prefix + component.getName(), value(component, record), kind, problems);
        }
    }

    private static void walk(String field, Object value, Kind kind, List<Problem> problems) {
        if (value instanceof String text) {
            problemWith(text, kind).ifPresent(message -> problems.add(new Problem(field, message)));
        } else if (value instanceof Collection<?> entries) {
            if (entries.size() > MAX_LIST_ENTRIES) {
                problems.add(new Problem(field, "has " + entries.size() + " entries; at most " + MAX_LIST_ENTRIES
                        + " are allowed"));
                return;
            }
            int i = 0;
            for (Object entry : entries) {
                walk(field + "[" + i++ + "]", entry, kind, problems);
            }
        } else if (value != null && value.getClass().isRecord()) {
            walkRecord(field + ".", value, problems);
        }
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
