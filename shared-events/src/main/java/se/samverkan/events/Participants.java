package se.samverkan.events;

/** Participants of an activity counted by gender. */
public record Participants(int women, int men, int other) {

    public static final Participants NONE = new Participants(0, 0, 0);

    public Participants {
        if (women < 0 || men < 0 || other < 0) {
            throw new IllegalArgumentException("participant counts cannot be negative");
        }
    }

    public int total() {
        return women + men + other;
    }
}
