-- Every payment proof the center took (for a ticket or a card sale) or refused for good (brought
-- for a reservation already issued against another proof: it pays for nothing, its terminal
-- reverses it). A proof is named by its method, the acquirer (institution, card network or purse
-- scheme) that produced its reference and the terminal that sent it: acquirers and terminals hand
-- out references independently, so the same RRN from two of them is two payments. An e-money
-- value record pays once, whatever names it. received_by says who holds the money (S1 ¶112-113,
-- S2 ¶25). Times: recorded_at in epoch ms; paid_at as the terminal sent it (ISO-8601), compared
-- as is.
CREATE TABLE payment (
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
  use_kind                TEXT    NOT NULL CHECK (use_kind IN ('RESERVATION', 'CARD_SALE', 'REFUSED')),
  subject                 TEXT    NOT NULL,
  recorded_at             INTEGER NOT NULL,
  PRIMARY KEY (method, acquirer, terminal_id, reference),
  CHECK ((method = 'EMONEY') = (purse_id IS NOT NULL))
);

CREATE UNIQUE INDEX payment_purse_record ON payment (acquirer, purse_id, purse_sequence)
  WHERE method = 'EMONEY';
CREATE INDEX payment_by_use ON payment (use_kind, subject);

-- Payments recorded before: no acquirer or terminal was kept (empty), nor what the ticket and
-- card_sale rows did not hold (null). Their method and reference were unique per table.
INSERT OR IGNORE INTO payment (method, acquirer, terminal_id, reference, amount_yen, stan,
  received_by, use_kind, subject, recorded_at)
SELECT payment_method, '', '', payment_reference, payment_amount_yen, payment_stan,
  CASE WHEN payment_method IN ('CREDIT_CARD', 'PREPAID_CARD') THEN 'OPERATOR' ELSE 'ISSUER' END,
  'RESERVATION', reservation_number, issued_at
FROM ticket;

INSERT OR IGNORE INTO payment (method, acquirer, terminal_id, reference, amount_yen,
  received_by, use_kind, subject, recorded_at)
SELECT payment_method, '', '', payment_reference, amount_yen,
  CASE WHEN payment_method IN ('CREDIT_CARD', 'PREPAID_CARD') THEN 'OPERATOR' ELSE 'ISSUER' END,
  'CARD_SALE', sale_id, recorded_at
FROM card_sale;

-- The payment key replaces the per-table (method, reference) keys. SQLite cannot drop a table's
-- UNIQUE constraint, so card_sale is rebuilt without it.
DROP INDEX ticket_payment_reference;

CREATE TABLE card_sale_v9 (
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
  recorded_at       INTEGER NOT NULL
);

INSERT INTO card_sale_v9 (sale_id, card_id, issuer_id, product_id, kind, amount_yen,
  value_after_yen, payment_method, payment_reference, paid_at, recorded_at)
SELECT sale_id, card_id, issuer_id, product_id, kind, amount_yen, value_after_yen,
  payment_method, payment_reference, paid_at, recorded_at
FROM card_sale;

DROP TABLE card_sale;
ALTER TABLE card_sale_v9 RENAME TO card_sale;
CREATE INDEX card_sale_by_time ON card_sale (recorded_at);
