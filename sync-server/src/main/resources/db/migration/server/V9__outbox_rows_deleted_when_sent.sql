-- The relay deletes an outbox row once Kafka acknowledged it, instead of setting sent_at: an UPDATE
-- rewrote the whole row (its JSON data included) and all three of its index entries, and cost the
-- relay more than reading and sending the row (docs/benchmarks.md). With only unsent rows left in
-- the table the partial index of unsent rows is redundant with the primary key, and every push
-- writes one index entry less. The column stays for replicas still running the old relay during a
-- rolling update (they mark rows sent; the new relay reads only rows where it is NULL).
-- Version 9, not 8: another branch adds V8__writer_names.sql.
DELETE FROM outbox WHERE sent_at IS NOT NULL;
DROP INDEX outbox_unsent;
