-- Commuter passes reissued onto a lost card's new card (F9, S2 ¶38-40): a pass is replaced at most
-- once (unique key on the pass it replaces), by a pass the railway signs for the new card; the
-- replacement is not a sale (no payment row; the railway's record names the pass it replaces) and
-- is itself a pass that may be lost again.
CREATE TABLE reissued_pass (
  pass_number          TEXT    NOT NULL PRIMARY KEY,
  replaces_pass_number TEXT    NOT NULL UNIQUE,
  original_pass_number TEXT    NOT NULL REFERENCES pass_sale (pass_number),
  issuer_id            TEXT    NOT NULL REFERENCES issuer (issuer_id),
  card_id              TEXT    NOT NULL,
  valid_until          TEXT    NOT NULL,
  issued_at            INTEGER NOT NULL,
  payload              BLOB    NOT NULL,
  signature            BLOB    NOT NULL,
  key_id               TEXT    NOT NULL,
  algorithm            TEXT    NOT NULL
);

CREATE INDEX reissued_pass_by_card ON reissued_pass (card_id);
CREATE INDEX pass_sale_by_card ON pass_sale (card_id);
