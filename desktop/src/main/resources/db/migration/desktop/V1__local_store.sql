-- Tasklane desktop local store. One row per task holds the projection the UI reads
-- (plain columns, indexed for the filters) and the replicated state with its clocks (state_json).

CREATE TABLE tasks (
    id            UUID PRIMARY KEY,
    title         VARCHAR(500)   NOT NULL,
    notes         VARCHAR(20000) NOT NULL,
    priority      TINYINT        NOT NULL,
    tags          VARCHAR(2000)  NOT NULL,          -- display names joined by U+001F
    due           VARCHAR(80),                       -- Due.encode()
    due_date      DATE,
    due_sort_ms   BIGINT,                            -- instant used for ordering / overdue
    reminder      VARCHAR(80),
    recurrence    VARCHAR(600),
    series        VARCHAR(60),
    completed_at  BIGINT,
    deleted       BOOLEAN        NOT NULL,
    created_at    BIGINT         NOT NULL,
    updated_at    BIGINT         NOT NULL,
    state_json    CLOB           NOT NULL
);
CREATE INDEX tasks_open_due ON tasks (deleted, completed_at, due_sort_ms);
CREATE INDEX tasks_priority ON tasks (deleted, priority);
CREATE INDEX tasks_created ON tasks (created_at);

CREATE TABLE task_tags (
    task_id  UUID        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    tag_key  VARCHAR(50) NOT NULL,
    PRIMARY KEY (task_id, tag_key)
);
CREATE INDEX task_tags_key ON task_tags (tag_key);

-- The outbox: every local change's mutation, written in the same transaction as the change,
-- kept until the sync engine has had it acknowledged by the server.
CREATE TABLE outbox (
    seq          BIGINT AUTO_INCREMENT PRIMARY KEY,
    mutation_id  UUID         NOT NULL UNIQUE,
    task_id      UUID         NOT NULL,
    hlc          VARCHAR(100) NOT NULL,
    payload      CLOB         NOT NULL,
    created_at   BIGINT       NOT NULL
);

-- Concurrent edits that lost a merge, kept so the user can see and restore them.
CREATE TABLE conflicts (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id      UUID           NOT NULL,
    field        VARCHAR(40)    NOT NULL,
    kept_value   VARCHAR(20000) NOT NULL,
    kept_hlc     VARCHAR(100)   NOT NULL,
    lost_value   VARCHAR(20000) NOT NULL,
    lost_hlc     VARCHAR(100)   NOT NULL,
    detected_at  BIGINT         NOT NULL,
    dismissed    BOOLEAN        NOT NULL DEFAULT FALSE,
    UNIQUE (task_id, field, lost_hlc)
);

-- Reminders this device has shown: a reminder is shown once per device.
CREATE TABLE reminder_log (
    reminder_key  VARCHAR(120) PRIMARY KEY,
    task_id       UUID    NOT NULL,
    fire_at       BIGINT  NOT NULL,
    shown_at      BIGINT  NOT NULL,
    missed        BOOLEAN NOT NULL
);

CREATE TABLE preferences (
    pref_key    VARCHAR(100) PRIMARY KEY,
    pref_value  VARCHAR(2000) NOT NULL
);
