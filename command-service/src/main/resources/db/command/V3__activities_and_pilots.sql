-- Which project each activity and pilot belongs to, so that a command addressed only by the
-- activity's or pilot's id can be checked against the caller's project scope (and an unknown id
-- answered with 404). Kept by ActivityLookup and PilotLookup in the command's transaction.
CREATE TABLE activity (
    activity_id VARCHAR(100) PRIMARY KEY,
    project_id  VARCHAR(100) NOT NULL,
    cancelled   BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE pilot (
    pilot_id   VARCHAR(100) PRIMARY KEY,
    project_id VARCHAR(100) NOT NULL
);
