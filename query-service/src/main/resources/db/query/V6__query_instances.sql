-- The query-service instances that are alive: each writes its heartbeat here every few seconds, so an
-- instance that holds more than its fair share of an event processor's segments can hand some over,
-- also to an instance that holds none yet (and so does not show in token_entry).
CREATE TABLE query_instance (
    instance_id VARCHAR(255) PRIMARY KEY,
    last_seen   TIMESTAMPTZ  NOT NULL
);
