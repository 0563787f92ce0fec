package se.samverkan.command.activity;

import java.util.Optional;

/** The recorded activities, by id: what a command addressed only by an activity's id needs to find its project. */
public interface ActivityDirectory {

    /** The project the activity belongs to; empty when no activity has this id. */
    Optional<String> projectOf(String activityId);
}
