package se.samverkan.command.pilot;

import java.util.Optional;

/** The proposed pilots, by id: what a command addressed only by a pilot's id needs to find its project. */
public interface PilotDirectory {

    /** The project the pilot belongs to; empty when no pilot has this id. */
    Optional<String> projectOf(String pilotId);
}
