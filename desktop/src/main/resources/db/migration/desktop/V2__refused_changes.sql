-- Changes the sync server refused for a reason retrying cannot fix (a value it considers invalid).
-- They leave the outbox (so they no longer block it) but are kept here with the server's reason,
-- shown to the user, until the user dismisses them. Nothing is dropped silently.
CREATE TABLE refused_changes (
    mutation_id  UUID         PRIMARY KEY,
    task_id      UUID         NOT NULL,
    payload      CLOB         NOT NULL,
    code         VARCHAR(100) NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    refused_at   BIGINT       NOT NULL
);
