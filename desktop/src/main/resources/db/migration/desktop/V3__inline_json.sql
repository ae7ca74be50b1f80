-- Task states and outbox payloads as inline text instead of CLOBs. H2 keeps each CLOB in its own
-- LOB map (an extra write, an extra lookup and a cleaner thread per value); a state is at most
-- ~100 KB, well inside a VARCHAR. Writing 100,000 pulled tasks took about twice as long with CLOBs,
-- and the store was several times bigger.
ALTER TABLE tasks ALTER COLUMN state_json SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE outbox ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE refused_changes ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING(1000000);
