-- A rebuild of the read models marks every access token and lets the replay confirm it, instead of
-- emptying the table: issued tokens keep working during the rebuild (see AccessTokens).
ALTER TABLE access_token ADD COLUMN rebuild_pending BOOLEAN NOT NULL DEFAULT FALSE;
