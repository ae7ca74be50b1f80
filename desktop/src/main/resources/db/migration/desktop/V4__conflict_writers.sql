-- Conflicts the server detected (a REST edit and a device's, two other devices') are pulled into
-- the same table as the ones this device detected, so the inbox lists both; kept_by / lost_by
-- hold the writer's device name when the server knew it.
ALTER TABLE conflicts ADD COLUMN kept_by VARCHAR(200);
ALTER TABLE conflicts ADD COLUMN lost_by VARCHAR(200);
ALTER TABLE conflicts ADD COLUMN from_server BOOLEAN NOT NULL DEFAULT FALSE;

-- Clock node id → device name, as the server reported them: names the writers of conflicts this
-- device detected itself (a clock carries only the writer's random node id).
CREATE TABLE writer_names (
    node  VARCHAR(64)  PRIMARY KEY,
    name  VARCHAR(200) NOT NULL
);
