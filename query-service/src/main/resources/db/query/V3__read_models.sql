-- Read models of the query API and the dashboard. No foreign keys between them: each is fed by its
-- own processor, and events of different aggregates arrive in any order (an activity may come before
-- its project, a meeting before the organisations it names), so rows are joined at query time.
-- Every handler writes idempotently (upserts keyed by natural ids or by the event's global index).

CREATE TABLE organisation (
    org_number      VARCHAR(20)  PRIMARY KEY,
    organisation_id VARCHAR(100) NOT NULL,
    name            TEXT         NOT NULL,
    country         VARCHAR(2)   NOT NULL,
    category        VARCHAR(30)  NOT NULL
);

CREATE TABLE project (
    project_id             VARCHAR(100) PRIMARY KEY,
    case_id                TEXT         NOT NULL,
    name                   TEXT         NOT NULL,
    programme              TEXT         NOT NULL,
    period_start           DATE         NOT NULL,
    period_end             DATE         NOT NULL,
    beneficiary_org_number VARCHAR(20)  NOT NULL
);

CREATE TABLE project_partner (
    project_id      VARCHAR(100) NOT NULL,
    org_number      VARCHAR(20)  NOT NULL,
    role            VARCHAR(20)  NOT NULL,
    sequence_number BIGINT       NOT NULL,
    PRIMARY KEY (project_id, org_number)
);

-- planned_end is the current planned end (after replans); status and delay are computed at query time.
CREATE TABLE work_package (
    project_id    VARCHAR(100) NOT NULL,
    number        INTEGER      NOT NULL,
    name          TEXT         NOT NULL,
    planned_start DATE         NOT NULL,
    planned_end   DATE         NOT NULL,
    started_on    DATE,
    completed_on  DATE,
    PRIMARY KEY (project_id, number)
);

CREATE TABLE work_package_replan (
    project_id           VARCHAR(100) NOT NULL,
    number               INTEGER      NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    previous_planned_end DATE         NOT NULL,
    planned_end          DATE         NOT NULL,
    reason               TEXT         NOT NULL,
    PRIMARY KEY (project_id, number, sequence_number)
);

CREATE TABLE activity (
    activity_id         VARCHAR(100) PRIMARY KEY,
    project_id          VARCHAR(100) NOT NULL,
    activity_type       VARCHAR(10)  NOT NULL, -- MEETING or WORKSHOP
    kind                VARCHAR(20),           -- meetings only
    work_package        INTEGER      NOT NULL,
    held_on             DATE         NOT NULL,
    title               TEXT         NOT NULL,
    target_group        TEXT,                  -- workshops only
    organisations       TEXT[]       NOT NULL,
    participants_women  INTEGER      NOT NULL,
    participants_men    INTEGER      NOT NULL,
    participants_other  INTEGER      NOT NULL,
    notes               TEXT,                  -- meetings
    outcome             TEXT,                  -- workshops
    cancelled           BOOLEAN      NOT NULL DEFAULT FALSE,
    cancellation_reason TEXT,
    event_index         BIGINT       NOT NULL
);
CREATE INDEX activity_project ON activity (project_id, held_on);

CREATE TABLE pilot (
    pilot_id               VARCHAR(100) PRIMARY KEY,
    project_id             VARCHAR(100) NOT NULL,
    name                   TEXT         NOT NULL,
    challenge              TEXT         NOT NULL,
    proposed_by_org_number VARCHAR(20),
    proposed_at            TIMESTAMPTZ  NOT NULL,
    status                 VARCHAR(20)  NOT NULL,
    included_on            DATE,
    members                INTEGER,
    working_group          TEXT[]       NOT NULL DEFAULT '{}',
    concluded_on           DATE,
    outcome                TEXT,
    withdrawn_on           DATE,
    withdrawal_reason      TEXT
);
CREATE INDEX pilot_project ON pilot (project_id);

CREATE TABLE indicator (
    project_id      VARCHAR(100) NOT NULL,
    code            VARCHAR(63)  NOT NULL,
    name            TEXT         NOT NULL,
    unit            TEXT         NOT NULL,
    target          NUMERIC      NOT NULL,
    counting_rule   VARCHAR(40)  NOT NULL,
    sequence_number BIGINT       NOT NULL,
    PRIMARY KEY (project_id, code)
);

-- MANUAL outcomes: one row per year; a later IndicatorOutcomeRecorded for the year replaces it and
-- becomes the evidence (its global index).
CREATE TABLE indicator_outcome (
    project_id    VARCHAR(100) NOT NULL,
    code          VARCHAR(63)  NOT NULL,
    year          INTEGER      NOT NULL,
    value         NUMERIC      NOT NULL,
    organisations TEXT[]       NOT NULL,
    note          TEXT,
    event_index   BIGINT       NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project_id, code, year)
);

-- Each organisation's part in a held (not cancelled) meeting or workshop, or in a pilot's working
-- group: the facts the derived counting rules count, each with the event that records it.
CREATE TABLE engagement (
    event_index  BIGINT       NOT NULL,
    org_number   VARCHAR(20)  NOT NULL,
    project_id   VARCHAR(100) NOT NULL,
    engaged_on   DATE         NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    aggregate_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (event_index, org_number)
);
CREATE INDEX engagement_project ON engagement (project_id);
CREATE INDEX engagement_aggregate ON engagement (aggregate_id);

CREATE TABLE recent_change (
    event_index  BIGINT       PRIMARY KEY,
    project_id   VARCHAR(100) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    aggregate_id VARCHAR(100),
    summary      TEXT         NOT NULL,
    user_id      VARCHAR(100)
);
CREATE INDEX recent_change_project ON recent_change (project_id, event_index DESC);
