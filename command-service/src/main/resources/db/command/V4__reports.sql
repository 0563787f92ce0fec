-- Lookup tables of the report feature, kept by its event handlers in the transaction of each event
-- and rebuildable from the event store.

-- Every progress report with its project: scope checks find a report's project here, and the
-- UNIQUE constraint keeps report numbers unique per project even when two drafts race.
CREATE TABLE report_lookup (
    report_id  VARCHAR(255) PRIMARY KEY,
    project_id VARCHAR(255) NOT NULL,
    number     INTEGER      NOT NULL,
    CONSTRAINT report_lookup_number_unique_per_project UNIQUE (project_id, number)
);

-- The projects' indicators, from which a submission freezes its indicator snapshot.
CREATE TABLE report_indicator (
    project_id    VARCHAR(255) NOT NULL,
    code          VARCHAR(255) NOT NULL,
    name          TEXT         NOT NULL,
    unit          TEXT         NOT NULL,
    target        NUMERIC      NOT NULL,
    counting_rule VARCHAR(50)  NOT NULL,
    defined_order BIGINT GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (project_id, code)
);

-- MANUAL outcomes: one value per indicator and year (a later outcome for a year replaces the earlier).
CREATE TABLE report_indicator_outcome (
    project_id VARCHAR(255) NOT NULL,
    code       VARCHAR(255) NOT NULL,
    year       INTEGER      NOT NULL,
    value      NUMERIC      NOT NULL,
    PRIMARY KEY (project_id, code, year)
);

-- Organisations engaged by a project's activities (meetings, workshops) and pilot working groups,
-- for the derived counting rules. source_id is the activity's or pilot's id; a cancelled activity's
-- rows are removed.
CREATE TABLE report_engagement (
    source_id  VARCHAR(255) NOT NULL,
    project_id VARCHAR(255) NOT NULL,
    org_number VARCHAR(11)  NOT NULL,
    engaged_on DATE         NOT NULL,
    PRIMARY KEY (source_id, org_number)
);

CREATE INDEX report_engagement_by_project ON report_engagement (project_id, org_number);
