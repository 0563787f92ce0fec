package se.samverkan.events.activity;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ActivityCancelled(String activityId, String projectId, String reason) {
}
