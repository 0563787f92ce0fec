package se.samverkan.events;

/** Participants of an activity counted by gender. */
public record Participants(int women, int men, int other) {

    public static final Participants NONE = new Participants(0, 0, 0);

    public Participants {
        if (problemWith(women) != null || problemWith(men) != null || problemWith(other) != null) {
            throw new IllegalArgumentException("participant counts cannot be negative");
        }
    }

    /** Null when {@code count} can be one of the counts, otherwise what is wrong with it, for the field's message. */
    public static String problemWith(int count) {
        return count < 0 ? "cannot be negative (was " + count + ")" : null;
    }

    public int total() {
        return women + men + other;
    }
}
