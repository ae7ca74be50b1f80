-- Stream event ids were one global sequence: an event appended inside a longer transaction could
-- commit after a later id that a stream had already sent, and Last-Event-ID replay skipped it for
-- good (and ids revealed how busy the whole service was). Now each user's events are numbered
-- 1, 2, 3 … from the user's sync_state row, under its row lock, so they commit in number order.
ALTER TABLE sync_state ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE user_events ADD COLUMN user_seq BIGINT;

INSERT INTO sync_state (user_id) SELECT DISTINCT user_id FROM user_events ON CONFLICT (user_id) DO NOTHING;
UPDATE user_events e SET user_seq = n.seq
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY id) AS seq FROM user_events) n
WHERE e.id = n.id;
UPDATE sync_state s SET event_seq = m.last
FROM (SELECT user_id, MAX(user_seq) AS last FROM user_events GROUP BY user_id) m
WHERE s.user_id = m.user_id;

ALTER TABLE user_events ALTER COLUMN user_seq SET NOT NULL;
DROP INDEX user_events_user;
CREATE UNIQUE INDEX user_events_user_seq ON user_events (user_id, user_seq);
