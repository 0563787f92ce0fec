package se.samverkan.events;

/**
 * An event that belongs to one project: the one way every reader (streams, webhooks, recent changes, audit scope)
 * learns an event's project. Events of no project (organisations, access tokens) do not implement it.
 */
public interface ProjectEvent {

    String projectId();
}
