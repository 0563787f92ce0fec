package se.samverkan.events.activity;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

@Revision("1")
public record ActivityCancelled(String activityId, String projectId, String reason) implements ProjectEvent {
}
