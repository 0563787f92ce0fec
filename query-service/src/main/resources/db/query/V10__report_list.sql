-- The reports lists (a project's reports, an auditor's inbox of submitted reports) read this read model instead of
-- scanning the event store for every report and replaying each one on every request. It is filled by a new
-- processing group of the 'read-models' processor, whose token is already past the reports drafted so far; so, as in
-- V9, that processor replays the whole store once: its read models are emptied here and its token and dead letters go
-- (the replay parks again whatever still fails). Access tokens stay (their replay is idempotent, issued tokens keep
-- working meanwhile), and so does the webhook outbox's position (it must not send history again).
CREATE TABLE report_list (
    report_id     VARCHAR(255) PRIMARY KEY,
    project_id    VARCHAR(255) NOT NULL,
    number        INTEGER      NOT NULL,
    period_start  DATE         NOT NULL,
    period_end    DATE         NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    -- the latest submission's instant exactly as the report's own history renders it (Instant.toString)
    submitted_at  VARCHAR(40)
);
CREATE INDEX report_list_project ON report_list (project_id, number);
CREATE INDEX report_list_status ON report_list (status);

DELETE FROM token_entry WHERE processor_name = 'read-models';
DELETE FROM dead_letter_entry WHERE processing_group <> 'webhook-outbox';
TRUNCATE recent_change, engagement, indicator_outcome, indicator, pilot, activity, work_package_replan, work_package,
    project_partner, project, organisation;
