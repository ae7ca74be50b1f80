-- Open event streams check their session by device on every heartbeat (a revoked session ends its
-- streams within 15 s); without this index each check scans refresh_tokens.
CREATE INDEX refresh_tokens_device ON refresh_tokens (device_id);
