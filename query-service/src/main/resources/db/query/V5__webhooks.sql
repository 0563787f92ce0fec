-- Webhook subscriptions of partners and their outbox. The outbox processor (processing group
-- webhook-outbox) inserts one delivery row per matching subscription and event in the transaction that
-- moves its token, so no event is lost or queued twice; the delivery workers take the oldest pending
-- row of each subscription (FOR UPDATE SKIP LOCKED, so several instances cooperate) and record every attempt.

CREATE TABLE webhook_subscription (
    subscription_id   VARCHAR(40)  PRIMARY KEY,
    owner_id          VARCHAR(100) NOT NULL,          -- the token id of the caller who subscribed
    url               TEXT         NOT NULL,
    event_types       TEXT[]       NOT NULL,          -- empty: every event type
    projects          TEXT[]       NOT NULL,
    secret_ciphertext BYTEA        NOT NULL,          -- AES-GCM (see WebhookSecrets): signing needs the raw key
    status            VARCHAR(10)  NOT NULL,          -- ACTIVE, PAUSED (a delivery was parked), DISABLED (410)
    status_reason     TEXT,
    created_at        TIMESTAMPTZ  NOT NULL,
    starts_after      BIGINT       NOT NULL           -- events with a higher global index are delivered
);
CREATE INDEX webhook_subscription_owner ON webhook_subscription (owner_id);

CREATE TABLE webhook_delivery (
    delivery_id      BIGSERIAL    PRIMARY KEY,
    subscription_id  VARCHAR(40)  NOT NULL REFERENCES webhook_subscription ON DELETE CASCADE,
    global_index     BIGINT       NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    event_type       VARCHAR(100) NOT NULL,
    project_id       VARCHAR(100) NOT NULL,
    event_time       TIMESTAMPTZ  NOT NULL,
    status           VARCHAR(10)  NOT NULL DEFAULT 'PENDING', -- PENDING, DELIVERED, PARKED, GONE
    attempts         INTEGER      NOT NULL DEFAULT 0,         -- every attempt ever (numbers the attempt rows)
    failures         INTEGER      NOT NULL DEFAULT 0,         -- failed attempts since queued or replayed (retry schedule)
    next_attempt_at  TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       TEXT,
    delivered_at     TIMESTAMPTZ,
    CONSTRAINT webhook_delivery_event UNIQUE (subscription_id, global_index)
);
CREATE INDEX webhook_delivery_pending ON webhook_delivery (subscription_id, global_index) WHERE status = 'PENDING';

CREATE TABLE webhook_attempt (
    delivery_id  BIGINT      NOT NULL REFERENCES webhook_delivery ON DELETE CASCADE,
    attempt      INTEGER     NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  BIGINT      NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
