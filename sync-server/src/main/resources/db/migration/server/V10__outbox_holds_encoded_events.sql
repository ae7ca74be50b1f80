-- The outbox row holds the Kafka record value itself: the structured CloudEvent, encoded once by
-- the writer in the change's transaction (docs/decisions/0009-outbox-holds-the-record-value.md).
-- The relay sends these bytes as they are; before, it read the event's data as JSONB (converted
-- to text on every read) and encoded a CloudEvent around it for every send, which made it run at
-- a fraction of a raw producer's speed (docs/benchmarks.md, issue 11).
ALTER TABLE outbox ADD COLUMN value BYTEA;
-- Rows written before this migration, and rows written by replicas still on the old code during a
-- rolling update, have data and no value: the relay encodes those as before. New rows have a value
-- and no data.
ALTER TABLE outbox ALTER COLUMN data DROP NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_value_or_data CHECK (value IS NOT NULL OR data IS NOT NULL);
-- Nothing looks rows up by event id, and an event id is unique by construction: it is derived
-- from the user and the mutation id, which applied_mutations' primary key admits once, and the
-- recurrence service's extra event is written only with the task it creates (created if absent).
-- The unique index cost every applied mutation one more index entry at a random place.
ALTER TABLE outbox DROP CONSTRAINT outbox_event_id_key;
