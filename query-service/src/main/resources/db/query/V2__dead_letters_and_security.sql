-- Events a projection failed on are parked here (Axon's JDBC dead-letter queue), per processing group,
-- instead of being skipped silently or stopping the processor. Column names match DeadLetters.schema().
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255) PRIMARY KEY,
    processing_group     VARCHAR(255) NOT NULL,
    sequence_identifier  VARCHAR(255) NOT NULL,
    sequence_index       BIGINT       NOT NULL,
    message_type         VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255) NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_group_sequence ON dead_letter_entry (processing_group, sequence_identifier);

-- Tokens as the query service knows them (from AccessTokenIssued / AccessTokenRevoked): hashes only.
CREATE TABLE access_token (
    token_id   VARCHAR(100) PRIMARY KEY,
    name       TEXT         NOT NULL,
    role       VARCHAR(20)  NOT NULL,
    projects   TEXT[]       NOT NULL,
    token_hash CHAR(64)     NOT NULL UNIQUE,
    revoked    BOOLEAN      NOT NULL DEFAULT FALSE
);

-- Browser sessions of the pages: the cookie holds a random id; only its hash is stored, with the
-- token hash it stands for (so revoking the token ends the session too).
CREATE TABLE web_session (
    session_hash CHAR(64)    PRIMARY KEY,
    token_hash   CHAR(64)    NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
