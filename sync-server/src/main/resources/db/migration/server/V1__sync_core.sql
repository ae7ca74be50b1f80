-- Tasklane sync server: users, per-user change counter, task states, applied mutation ids,
-- conflicts and the transactional outbox. Every table that holds user data is keyed by user_id
-- first: one user's rows are never reachable with another user's id.

CREATE TABLE users (
    id             UUID PRIMARY KEY,
    email          TEXT        NOT NULL UNIQUE,
    password_hash  TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per user. Pushes lock it (SELECT … FOR UPDATE), so a user's pushes commit in the order
-- their change numbers were assigned and a puller can never skip a change (see docs/sync-protocol.md).
CREATE TABLE sync_state (
    user_id     UUID   PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    change_seq  BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE tasks (
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id          UUID        NOT NULL,
    state       JSONB       NOT NULL,
    change_seq  BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, id)
);
CREATE INDEX tasks_user_change ON tasks (user_id, change_seq);

CREATE TABLE applied_mutations (
    user_id      UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mutation_id  UUID        NOT NULL,
    task_id      UUID        NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, mutation_id)
);

CREATE TABLE conflicts (
    id           BIGSERIAL PRIMARY KEY,
    user_id      UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    task_id      UUID        NOT NULL,
    field        TEXT        NOT NULL,
    kept_value   TEXT        NOT NULL,
    kept_hlc     TEXT        NOT NULL,
    lost_value   TEXT        NOT NULL,
    lost_hlc     TEXT        NOT NULL,
    detected_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (user_id, task_id, field, lost_hlc)
);

-- Events written in the same transaction as the change; a relay publishes them to Kafka.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    user_id     UUID        NOT NULL,
    task_id     UUID        NOT NULL,
    type        TEXT        NOT NULL,
    data        JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
