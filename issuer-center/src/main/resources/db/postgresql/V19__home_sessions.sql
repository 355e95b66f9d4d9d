-- Logged-in home PC sessions (F13), in the database so that every center node answers a session
-- any node opened. A session is found by the SHA-256 of its token, and the stored card (unsealed
-- from the password at login) is sealed again under a key derived from the token: the home PC
-- holds the token, the database neither it nor the card in clear. expires_at is epoch ms; ended
-- sessions are purged when new ones are stored.
CREATE TABLE home_session (
  token_hash  BYTEA  NOT NULL PRIMARY KEY,
  user_id     TEXT   NOT NULL REFERENCES registered_user (user_id),
  masked_card TEXT   NOT NULL,
  expires_at  BIGINT NOT NULL,
  card_sealed BYTEA  NOT NULL
);

CREATE INDEX home_session_by_expiry ON home_session (expires_at);
