-- What each user's open event streams (SSE) deliver: "sync" hints (a newer cursor exists) and
-- "reminder" events. The id is the SSE event id; a reconnecting stream replays from here by
-- Last-Event-ID, so delivery never depends on Redis pub/sub (which only wakes replicas).
CREATE TABLE user_events (
    id          BIGSERIAL PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT        NOT NULL,
    dedupe_key  TEXT,
    payload     JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, dedupe_key)
);
CREATE INDEX user_events_user ON user_events (user_id, id);
