package se.samverkan.command.platform;

/**
 * An accepted command: the aggregate it wrote to, that aggregate's version now (1 = after its first event),
 * and the global index of the last event that stands for the write (answered as {@code Samverkan-Position}).
 */
public record Written(String aggregateId, long version, long position) {
}
