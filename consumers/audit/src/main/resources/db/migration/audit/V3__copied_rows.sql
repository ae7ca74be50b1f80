-- Rows written by binary COPY (docs/decisions/0011-audit-rows-by-copy.md): PostgreSQL's work per
-- appended event is still the audit service's largest cost, and two parts of it buy nothing now:
--  * data and changed_fields become text. The service reads every event's data with a JSON
--    parser and stores exactly the bytes that parser accepted as one object (changed_fields it
--    writes itself), so checking them as json a second time on the way in only costs CPU. The
--    history casts (data::json -> 'task'), as the json type itself re-parsed on every read.
--  * the task index is (task_id, seq): task ids are random UUIDs, so the user id in front of it
--    only made every entry 16 bytes larger; the history still asks for the user's id, now checked
--    on the task's rows (another user's task id finds nothing).
-- json -> text needs no new values: every row keeps its text as it is; no row is added or removed.
ALTER TABLE event_log
    ALTER COLUMN data TYPE TEXT,
    ALTER COLUMN changed_fields TYPE TEXT;
CREATE INDEX event_log_task_seq ON event_log (task_id, seq);
DROP INDEX event_log_task;
