-- Commuter passes sold at kiosks (F7, S2 ¶26-29): the holder's name, phone and address go to the
-- railway with the sales record, the signed pass onto the card. A terminal's request number names
-- one sale (a repeat is the same sale); the payment row records what the proof paid for.
CREATE TABLE pass_sale (
  pass_number      TEXT    NOT NULL PRIMARY KEY,
  terminal_id      TEXT    NOT NULL,
  request_number   TEXT    NOT NULL,
  issuer_id        TEXT    NOT NULL REFERENCES issuer (issuer_id),
  product_id       TEXT    NOT NULL REFERENCES product (product_id),
  card_id          TEXT    NOT NULL,
  holder_name      TEXT    NOT NULL,
  holder_phone     TEXT    NOT NULL,
  holder_address   TEXT    NOT NULL,
  fare_class       TEXT    NOT NULL CHECK (fare_class IN ('ADULT', 'CHILD')),
  line_name        TEXT    NOT NULL,
  from_station     TEXT    NOT NULL,
  to_station       TEXT    NOT NULL,
  valid_from       TEXT    NOT NULL,
  valid_until      TEXT    NOT NULL,
  amount_yen       INTEGER NOT NULL CHECK (amount_yen > 0),
  payment_method   TEXT    NOT NULL,
  payment_reference TEXT   NOT NULL,
  payload          BLOB    NOT NULL,
  signature        BLOB    NOT NULL,
  key_id           TEXT    NOT NULL,
  sold_at          INTEGER NOT NULL,
  UNIQUE (terminal_id, request_number)
);

CREATE INDEX pass_sale_by_time ON pass_sale (sold_at);

-- A payment may now pay for a pass (use_kind PASS_SALE). SQLite cannot change a CHECK in place,
-- so the payment table is rebuilt with the same rows and indexes.
CREATE TABLE payment_v12 (
  method                  TEXT    NOT NULL CHECK (method IN ('ACCOUNT_TRANSFER', 'CASH',
                                    'DEBIT_CARD', 'CREDIT_CARD', 'PREPAID_CARD', 'EMONEY')),
  acquirer                TEXT    NOT NULL,
  terminal_id             TEXT    NOT NULL,
  reference               TEXT    NOT NULL,
  amount_yen              INTEGER NOT NULL CHECK (amount_yen > 0),
  approval_code           TEXT,
  stan                    TEXT,
  paid_at                 TEXT,
  masked_card             TEXT,
  purse_id                TEXT,
  purse_sequence          INTEGER,
  purse_balance_after_yen INTEGER,
  purse_transaction_id    TEXT,
  received_by             TEXT    NOT NULL CHECK (received_by IN ('ISSUER', 'OPERATOR')),
  use_kind                TEXT    NOT NULL CHECK (use_kind IN ('RESERVATION', 'CARD_SALE',
                                    'PASS_SALE', 'REFUSED')),
  subject                 TEXT    NOT NULL,
  recorded_at             INTEGER NOT NULL,
  PRIMARY KEY (method, acquirer, terminal_id, reference),
  CHECK ((method = 'EMONEY') = (purse_id IS NOT NULL))
);

INSERT INTO payment_v12 SELECT * FROM payment;
DROP TABLE payment;
ALTER TABLE payment_v12 RENAME TO payment;
CREATE UNIQUE INDEX payment_purse_record ON payment (acquirer, purse_id, purse_sequence)
  WHERE method = 'EMONEY';
CREATE INDEX payment_by_use ON payment (use_kind, subject);
