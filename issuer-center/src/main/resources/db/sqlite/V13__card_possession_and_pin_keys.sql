-- Registered users at terminals (F9, F12; S2 ¶35-40): proof that a card is in the terminal, the
-- throttle on wrong PINs per terminal, and the PIN key each terminal's PIN pad encrypts user PINs
-- under.

-- One-time challenges a card answers with its own key (ISO 7816-4 INTERNAL AUTHENTICATE) before it
-- is linked to a user or receives a lost card's tickets: bound to the card and the terminal that
-- asked, short-lived, used at most once.
CREATE TABLE card_challenge (
  challenge_id TEXT    NOT NULL PRIMARY KEY,
  card_id      TEXT    NOT NULL,
  terminal_id  TEXT    NOT NULL,
  challenge    BLOB    NOT NULL,
  expires_at   INTEGER NOT NULL,
  used_at      INTEGER
);

CREATE INDEX card_challenge_by_expiry ON card_challenge (expires_at);

-- Wrong user PINs counted per terminal in a fixed window: PIN spraying across user ids from one
-- terminal stays under every user's own lockout, so the terminal is blocked for a while instead.
CREATE TABLE terminal_pin_throttle (
  terminal_id   TEXT    NOT NULL PRIMARY KEY,
  window_start  INTEGER NOT NULL,
  failures      INTEGER NOT NULL CHECK (failures >= 0),
  blocked_until INTEGER
);

-- The current PIN key of each terminal (master/session, as the bank host's): stored only under
-- the terminal's center master key, with its check value.
CREATE TABLE terminal_pin_key (
  terminal_id      TEXT    NOT NULL PRIMARY KEY,
  key_under_master BLOB    NOT NULL,
  check_value      TEXT    NOT NULL,
  issued_at        INTEGER NOT NULL
);

-- A lost card is reissued onto one new card, once (S2 ¶38-40): its unused tickets are replaced on
-- that card (reissued_ticket) and its prepaid value, if any, moves to it here.
CREATE TABLE card_reissue (
  lost_card_id    TEXT    NOT NULL PRIMARY KEY,
  new_card_id     TEXT    NOT NULL UNIQUE,
  user_id         TEXT    NOT NULL,
  value_yen       INTEGER NOT NULL DEFAULT 0 CHECK (value_yen >= 0),
  value_issuer_id TEXT,
  reissued_at     INTEGER NOT NULL
);
