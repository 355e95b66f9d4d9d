-- PostgreSQL twin of the SQLite script of the same version (BIGINT times and yen, BYTEA).
-- The home PC terminal (F13, S2 ¶46-52): a registered user's password (salted PBKDF2 hash, as the
-- PIN) and the card stored for payments there (sealed under a key derived from the password, so
-- the center holds it in clear only in a logged-in session), and the card payments the center authorised for
-- home PCs under the terminal's reference.
CREATE TABLE home_access (
  user_id             TEXT    NOT NULL PRIMARY KEY REFERENCES registered_user (user_id),
  password_algorithm  TEXT    NOT NULL,
  password_iterations INTEGER NOT NULL CHECK (password_iterations > 0),
  password_salt       BYTEA   NOT NULL,
  password_hash       BYTEA   NOT NULL,
  card_sealed         BYTEA   NOT NULL,
  card_salt           BYTEA   NOT NULL,
  card_masked         TEXT    NOT NULL,
  updated_at          BIGINT  NOT NULL
);

CREATE TABLE home_payment (
  reference     TEXT    NOT NULL PRIMARY KEY,
  user_id       TEXT    NOT NULL,
  terminal_id   TEXT    NOT NULL,
  amount_yen    BIGINT  NOT NULL CHECK (amount_yen > 0),
  masked_card   TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('APPROVED', 'DECLINED', 'REVERSED')),
  response_code TEXT    NOT NULL,
  rrn           TEXT    NOT NULL,
  approval_code TEXT    NOT NULL,
  stan          TEXT    NOT NULL,
  paid_at       BIGINT  NOT NULL
);
