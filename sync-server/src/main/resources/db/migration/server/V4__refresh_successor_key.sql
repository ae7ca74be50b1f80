-- The key that derives a refresh token's successor (HMAC of the presented token), so a token
-- presented again within the reuse grace returns the same successor on every replica without
-- the successor ever being stored in clear. Generated once by the first server that starts.
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    key  BYTEA NOT NULL
);
