-- Readers learn of new events when they are committed instead of polling for them: every statement that
-- appends events sends a notification on the channel samverkan_events whose payload is the highest global
-- index it stored. PostgreSQL delivers it to every listening session only when (and if) the transaction
-- commits, so a woken reader always finds the events. Polling remains, slowly, as a fallback.
CREATE FUNCTION notify_events_stored() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_index BIGINT;
BEGIN
    SELECT max(global_index) INTO last_index FROM stored;
    IF last_index IS NOT NULL THEN
        PERFORM pg_notify('samverkan_events', last_index::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER domain_event_entry_notify
    AFTER INSERT ON domain_event_entry
    REFERENCING NEW TABLE AS stored
    FOR EACH STATEMENT EXECUTE FUNCTION notify_events_stored();
