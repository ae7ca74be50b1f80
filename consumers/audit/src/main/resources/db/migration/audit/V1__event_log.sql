-- The audit log: one row per event id, appended, never updated or deleted (enforced below, so
-- not even a bug in the service can rewrite history). seq is the arrival order, which is each
-- task's Kafka order because a task's events share one partition.
CREATE TABLE event_log (
    seq            BIGSERIAL PRIMARY KEY,
    event_id       TEXT        NOT NULL UNIQUE,
    type           TEXT        NOT NULL,
    user_id        UUID        NOT NULL,
    task_id        UUID        NOT NULL,
    event_time     TIMESTAMPTZ NOT NULL,
    device         TEXT,
    changed_fields JSONB       NOT NULL,
    task           JSONB,
    data           JSONB       NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX event_log_task ON event_log (user_id, task_id, seq);

CREATE FUNCTION event_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER event_log_no_update_or_delete BEFORE UPDATE OR DELETE ON event_log
    FOR EACH ROW EXECUTE FUNCTION event_log_append_only();
CREATE TRIGGER event_log_no_truncate BEFORE TRUNCATE ON event_log
    FOR EACH STATEMENT EXECUTE FUNCTION event_log_append_only();
