-- Registered users (S2 ¶35-37). The PIN is kept only as a salted PBKDF2 hash; failed attempts
-- count towards a temporary lockout.
CREATE TABLE registered_user (
  user_id         TEXT    NOT NULL PRIMARY KEY,
  name            TEXT    NOT NULL,
  phone           TEXT    NOT NULL,
  address         TEXT    NOT NULL,
  pin_algorithm   TEXT    NOT NULL,
  pin_iterations  INTEGER NOT NULL CHECK (pin_iterations > 0),
  pin_salt        BLOB    NOT NULL,
  pin_hash        BLOB    NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER,
  created_at      INTEGER NOT NULL
);

-- A card belongs to at most one registered user.
CREATE TABLE user_card (
  card_id       TEXT    NOT NULL PRIMARY KEY,
  user_id       TEXT    NOT NULL REFERENCES registered_user (user_id),
  registered_at INTEGER NOT NULL
);

CREATE INDEX user_card_by_user ON user_card (user_id);
