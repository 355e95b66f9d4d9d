-- A registered user's sign-in at a terminal (F12, S2 ¶36), kept so that the card bought in that
-- session can be recorded under the user after the terminal restarted, when the PIN is long gone:
-- bound to the user and the terminal, lapsing at expires_at, and used by one card only (card_id,
-- set by its first use). The terminal journals grant_id; alone it links nothing: the request must
-- come signed by that terminal with the card's own answer to a challenge. Times in epoch ms.
CREATE TABLE sign_in_grant (
  grant_id    TEXT    NOT NULL PRIMARY KEY,
  user_id     TEXT    NOT NULL REFERENCES registered_user (user_id),
  terminal_id TEXT    NOT NULL,
  expires_at  INTEGER NOT NULL,
  card_id     TEXT
);

CREATE INDEX sign_in_grant_by_expiry ON sign_in_grant (expires_at);
