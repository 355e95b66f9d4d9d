-- A payment its terminal took back because no sale answered it (a commuter pass whose sale was
-- never confirmed, F7): use_kind WITHDRAWN, subject the request number. The row holds the proof's
-- key, so a late copy of the sale request meets it and is refused: a payment reversed at the bank
-- never pays for a pass afterwards. SQLite cannot change a CHECK in place, so the payment table is
-- rebuilt with the same rows and indexes.
CREATE TABLE payment_v18 (
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
                                    'PASS_SALE', 'APPLICATION_SALE', 'REFUSED',
                                    'WITHDRAWN')),
  subject                 TEXT    NOT NULL,
  recorded_at             INTEGER NOT NULL,
  PRIMARY KEY (method, acquirer, terminal_id, reference),
  CHECK ((method = 'EMONEY') = (purse_id IS NOT NULL))
);

INSERT INTO payment_v18 SELECT * FROM payment;
DROP TABLE payment;
ALTER TABLE payment_v18 RENAME TO payment;
CREATE UNIQUE INDEX payment_purse_record ON payment (acquirer, purse_id, purse_sequence)
  WHERE method = 'EMONEY';
CREATE INDEX payment_by_use ON payment (use_kind, subject);

-- A card application installed on a card already issued and paid for (F11, S2 ¶45, ¶53): one
-- row per sale, named by the terminal's request number (a repeat is the same sale); its payment
-- row (use_kind APPLICATION_SALE) says who received the money, and the sale goes to its issuer
-- through the outbox and into settlement like every other sale. Times in epoch ms.
CREATE TABLE application_sale (
  sale_id           TEXT    NOT NULL PRIMARY KEY,
  terminal_id       TEXT    NOT NULL,
  request_number    TEXT    NOT NULL,
  issuer_id         TEXT    NOT NULL REFERENCES issuer (issuer_id),
  app_id            TEXT    NOT NULL,
  version           INTEGER NOT NULL,
  card_id           TEXT    NOT NULL,
  amount_yen        BIGINT  NOT NULL CHECK (amount_yen > 0),
  payment_method    TEXT    NOT NULL,
  payment_reference TEXT    NOT NULL,
  sold_at           BIGINT  NOT NULL,
  UNIQUE (terminal_id, request_number),
  FOREIGN KEY (app_id, version) REFERENCES card_application (app_id, version)
);

CREATE INDEX application_sale_by_time ON application_sale (sold_at);

