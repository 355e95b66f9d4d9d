-- Sales an operator voided (staff queue: the ticket must not stand). One void per sale, ever: the
-- primary key makes a second void of any of the sale's tickets (original or reprint) find the
-- first. The sale's payment is copied so settlement counts a refund line for whoever received the
-- money (received_by) in the month of the void. The seat stays sold: a printed ticket may still be
-- in the customer's hand and an offline gate may not have the revocation yet, so the seat is not
-- sold a second time.
CREATE TABLE ticket_void (
  reservation_number TEXT    NOT NULL PRIMARY KEY REFERENCES reservation (reservation_number),
  ticket_number      TEXT    NOT NULL,
  issuer_id          TEXT    NOT NULL REFERENCES issuer (issuer_id),
  amount_yen         INTEGER NOT NULL CHECK (amount_yen > 0),
  payment_method     TEXT    NOT NULL,
  payment_reference  TEXT    NOT NULL,
  acquirer           TEXT    NOT NULL,
  received_by        TEXT    NOT NULL CHECK (received_by IN ('ISSUER', 'OPERATOR')),
  reason             TEXT    NOT NULL,
  voided_by          TEXT    NOT NULL,
  voided_at          INTEGER NOT NULL
);

CREATE INDEX ticket_void_by_time ON ticket_void (voided_at);

-- The outbox also carries voids to the issuer. SQLite cannot alter a CHECK: the table is rebuilt.
CREATE TABLE outbox_v17 (
  message_key     TEXT    NOT NULL PRIMARY KEY,
  issuer_id       TEXT    NOT NULL REFERENCES issuer (issuer_id),
  message_type    TEXT    NOT NULL CHECK (message_type IN ('SALE', 'CARD_LOST', 'TICKET_VOID')),
  payload         BLOB    NOT NULL,
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at    INTEGER,
  last_error      TEXT
);

INSERT INTO outbox_v17 (message_key, issuer_id, message_type, payload, created_at, attempts,
  next_attempt_at, delivered_at, last_error)
SELECT message_key, issuer_id, message_type, payload, created_at, attempts, next_attempt_at,
  delivered_at, last_error
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_v17 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);
