-- The database epoch's key (see SyncService.epoch): rotated by the restore runbook, so that devices
-- notice a database restored in place and upload their whole state again.
INSERT INTO server_keys (name, key) VALUES ('epoch', decode(md5(random()::text || clock_timestamp()::text), 'hex'))
ON CONFLICT (name) DO NOTHING;
