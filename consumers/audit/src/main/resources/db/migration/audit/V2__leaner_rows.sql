-- Leaner rows: PostgreSQL's own work per appended event was the audit service's bottleneck
-- (docs/benchmarks.md, "Audit — fourth session"). Measured per row on one backend: 22–28 µs of
-- CPU for the V1 row, 13–16 µs for this one. What changes and why:
--  * the task snapshot is stored once: the "task" column was a second JSONB copy of data.task;
--    the history reads data -> 'task' instead;
--  * data and changed_fields are json, not jsonb: the event is kept as the service received it
--    (checked as JSON on the way in, no binary conversion per row); both are read only by the
--    history of one task at a time, where parsing a few rows is nothing;
--  * the event id is the primary key, compared bytewise ("C" collation, ids are ASCII), and the
--    separate index on seq goes: nothing looks rows up by seq alone (the history pages with
--    seq inside the (user_id, task_id, seq) index).
-- The table is rewritten in place; ALTER does not fire the append-only row triggers, and no
-- event's row is added, changed in meaning or removed.
ALTER TABLE event_log DROP CONSTRAINT event_log_pkey;
ALTER TABLE event_log DROP CONSTRAINT event_log_event_id_key;
ALTER TABLE event_log DROP COLUMN task;
ALTER TABLE event_log
    ALTER COLUMN event_id TYPE TEXT COLLATE "C",
    ALTER COLUMN data TYPE JSON USING data::json,
    ALTER COLUMN changed_fields TYPE JSON USING changed_fields::json;
ALTER TABLE event_log ADD CONSTRAINT event_log_pkey PRIMARY KEY (event_id);
