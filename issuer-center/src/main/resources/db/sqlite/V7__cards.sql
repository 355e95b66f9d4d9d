-- Lost cards (S2 ¶37-40), tickets reissued onto a new card, prepaid card ids (S2 ¶41-44) and the
-- payments made for cards (activation, recharge: S2 ¶45).
CREATE TABLE lost_card (
  card_id TEXT    NOT NULL PRIMARY KEY,
  user_id TEXT    NOT NULL,
  reason  TEXT    NOT NULL,
  lost_at INTEGER NOT NULL
);

-- A ticket is replaced at most once; the replacement is itself a ticket (it may be lost again).
CREATE TABLE reissued_ticket (
  ticket_number          TEXT    NOT NULL PRIMARY KEY,
  replaces_ticket_number TEXT    NOT NULL UNIQUE,
  reservation_number     TEXT    NOT NULL REFERENCES reservation (reservation_number),
  issuer_id              TEXT    NOT NULL REFERENCES issuer (issuer_id),
  card_id                TEXT    NOT NULL,
  issued_at              INTEGER NOT NULL,
  payload                BLOB    NOT NULL,
  signature              BLOB    NOT NULL,
  key_id                 TEXT    NOT NULL,
  algorithm              TEXT    NOT NULL
);

CREATE INDEX reissued_ticket_by_card ON reissued_ticket (card_id);
CREATE INDEX ticket_by_card ON ticket (card_id);

CREATE TABLE prepaid_card (
  card_id      TEXT    NOT NULL PRIMARY KEY,
  product_id   TEXT    NOT NULL REFERENCES product (product_id),
  issuer_id    TEXT    NOT NULL REFERENCES issuer (issuer_id),
  status       TEXT    NOT NULL CHECK (status IN ('INACTIVE', 'ACTIVE')),
  value_yen    INTEGER NOT NULL DEFAULT 0 CHECK (value_yen >= 0),
  registered_at INTEGER NOT NULL,
  activated_at INTEGER
);

CREATE TABLE card_sale (
  sale_id           TEXT    NOT NULL PRIMARY KEY,
  card_id           TEXT    NOT NULL,
  issuer_id         TEXT    NOT NULL REFERENCES issuer (issuer_id),
  product_id        TEXT    NOT NULL,
  kind              TEXT    NOT NULL CHECK (kind IN ('ACTIVATION', 'RECHARGE')),
  amount_yen        INTEGER NOT NULL CHECK (amount_yen > 0),
  value_after_yen   INTEGER NOT NULL,
  payment_method    TEXT    NOT NULL,
  payment_reference TEXT    NOT NULL,
  paid_at           INTEGER NOT NULL,
  recorded_at       INTEGER NOT NULL,
  UNIQUE (payment_method, payment_reference)
);

CREATE INDEX card_sale_by_time ON card_sale (recorded_at);
CREATE INDEX ticket_by_issued_at ON ticket (issued_at);
