-- What other aggregates check against a project (ProjectDirectory): its period and which work
-- packages it has. Kept by ProjectLookup in the transaction of each project command; rebuildable
-- from the event store.
CREATE TABLE project (
    project_id   VARCHAR(100) PRIMARY KEY,
    period_start DATE         NOT NULL,
    period_end   DATE         NOT NULL
);

CREATE TABLE project_work_package (
    project_id VARCHAR(100) NOT NULL REFERENCES project (project_id),
    number     INTEGER      NOT NULL,
    PRIMARY KEY (project_id, number)
);
