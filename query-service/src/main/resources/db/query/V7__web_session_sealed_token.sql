-- The pages' writes are forwarded to the command service with the session's token. The token is kept
-- sealed (AES-GCM) under a key derived from the session id, which only the browser's cookie holds:
-- the database alone never reveals a token. Sessions started before this column existed have none and
-- are asked to sign in again before a write.
ALTER TABLE web_session ADD COLUMN sealed_token TEXT;
