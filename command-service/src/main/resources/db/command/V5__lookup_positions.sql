-- Per lookup (the processing group of the command service's subscribing handlers): the global index up to which it
-- was built from the event store. The lookups are kept in each command's transaction, so once built they stay
-- current; a lookup without a row here (one added later, whose table starts empty, or one whose row was removed to
-- ask for it) is rebuilt from the event store at start-up (LookupRebuild).
CREATE TABLE lookup_position (
    processing_group VARCHAR(255) PRIMARY KEY,
    applied_index    BIGINT       NOT NULL,
    rebuilt_at       TIMESTAMPTZ
);

-- The lookups that exist today have been kept since V1 in every command's transaction: current up to the store's head.
INSERT INTO lookup_position (processing_group, applied_index)
SELECT lookup, (SELECT COALESCE(max(global_index), 0) FROM public.domain_event_entry)
FROM (VALUES ('organisation-lookup'), ('project-lookup'), ('activity-lookup'), ('pilot-lookup'), ('report-lookup')) AS lookups (lookup);
