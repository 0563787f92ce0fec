-- An engagement names its source kind (ACTIVITY or PILOT, IndicatorCounting.Source) besides its id: a cancelled
-- activity removes only its own engagements, never those of a pilot whose client-chosen id is the same, and an activity
-- and a pilot of the same id no longer share one row per organisation. Existing rows: a pilot's id that no activity has.
ALTER TABLE report_engagement ADD COLUMN source VARCHAR(20);

UPDATE report_engagement e SET source = CASE
    WHEN EXISTS (SELECT 1 FROM pilot p WHERE p.pilot_id = e.source_id)
         AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.activity_id = e.source_id) THEN 'PILOT'
    ELSE 'ACTIVITY' END;

ALTER TABLE report_engagement ALTER COLUMN source SET NOT NULL;
ALTER TABLE report_engagement DROP CONSTRAINT report_engagement_pkey;
ALTER TABLE report_engagement ADD PRIMARY KEY (source, source_id, org_number);
