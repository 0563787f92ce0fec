package se.samverkan.query.notification;

/**
 * One Server-Sent Event, ready to send: {@code id} = the global event index, {@code event} = the
 * event's simple type name, {@code data} = the JSON envelope (one line).
 */
public record EventFrame(long index, String name, String data) {
}
