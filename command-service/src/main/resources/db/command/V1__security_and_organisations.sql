-- Lookup tables of the command service: kept by its event handlers in the same transaction as the
-- events, and used to check rules that span aggregates. They can be rebuilt from the event store.
CREATE TABLE access_token (
    token_id   VARCHAR(100) PRIMARY KEY,
    name       TEXT         NOT NULL,
    role       VARCHAR(20)  NOT NULL,
    projects   TEXT[]       NOT NULL,
    token_hash CHAR(64)     NOT NULL UNIQUE,
    revoked    BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE organisation (
    organisation_id VARCHAR(100) PRIMARY KEY,
    org_number      VARCHAR(11)  NOT NULL UNIQUE,
    name            TEXT         NOT NULL,
    country         VARCHAR(2)   NOT NULL,
    category        VARCHAR(30)  NOT NULL
);
