-- PostgreSQL twin of the SQLite script of the same version (BIGINT times, BYTEA).
-- Registered users at terminals (F9, F12; S2 ¶35-40): proof that a card is in the terminal, the
-- throttle on wrong PINs per terminal, and the PIN key each terminal's PIN pad encrypts user PINs
-- under.

CREATE TABLE card_challenge (
  challenge_id TEXT    NOT NULL PRIMARY KEY,
  card_id      TEXT    NOT NULL,
  terminal_id  TEXT    NOT NULL,
  challenge    BYTEA   NOT NULL,
  expires_at   BIGINT  NOT NULL,
  used_at      BIGINT
);

CREATE INDEX card_challenge_by_expiry ON card_challenge (expires_at);

CREATE TABLE terminal_pin_throttle (
  terminal_id   TEXT    NOT NULL PRIMARY KEY,
  window_start  BIGINT  NOT NULL,
  failures      INTEGER NOT NULL CHECK (failures >= 0),
  blocked_until BIGINT
);

CREATE TABLE terminal_pin_key (
  terminal_id      TEXT    NOT NULL PRIMARY KEY,
  key_under_master BYTEA   NOT NULL,
  check_value      TEXT    NOT NULL,
  issued_at        BIGINT  NOT NULL
);

CREATE TABLE card_reissue (
  lost_card_id    TEXT    NOT NULL PRIMARY KEY,
  new_card_id     TEXT    NOT NULL UNIQUE,
  user_id         TEXT    NOT NULL,
  value_yen       BIGINT  NOT NULL DEFAULT 0 CHECK (value_yen >= 0),
  value_issuer_id TEXT,
  reissued_at     BIGINT  NOT NULL
);
