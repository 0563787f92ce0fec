package se.samverkan.command.platform;

/** An accepted command: the aggregate it wrote to and that aggregate's version now (1 = after its first event). */
public record Written(String aggregateId, long version) {
}
