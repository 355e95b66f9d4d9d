-- PostgreSQL twin of db/sqlite/V1: same tables, keys and checks; BIGINT for epoch milliseconds
-- and yen, BYTEA for keys, payloads and signatures. Times are epoch milliseconds (UTC) so
-- expiry comparisons are plain integer comparisons in SQLite and PostgreSQL alike.

CREATE TABLE issuer (
  issuer_id         TEXT    NOT NULL PRIMARY KEY,
  name              TEXT    NOT NULL,
  bank_account      TEXT    NOT NULL,
  key_id            TEXT    NOT NULL UNIQUE,
  public_key        BYTEA   NOT NULL,
  private_key       BYTEA   NOT NULL,
  next_issue_number BIGINT  NOT NULL DEFAULT 1
);

CREATE TABLE event (
  event_id  TEXT NOT NULL PRIMARY KEY,
  issuer_id TEXT NOT NULL REFERENCES issuer (issuer_id),
  title     TEXT NOT NULL,
  genre     TEXT NOT NULL,
  artist    TEXT NOT NULL,
  venue     TEXT NOT NULL,
  starts_at TEXT NOT NULL
);

-- A seat is AVAILABLE with no holder, or HELD/SOLD by exactly one reservation.
CREATE TABLE seat (
  event_id           TEXT    NOT NULL REFERENCES event (event_id),
  seat_id            TEXT    NOT NULL,
  section            TEXT    NOT NULL,
  row_label          TEXT    NOT NULL,
  seat_number        INTEGER NOT NULL,
  price_yen          BIGINT  NOT NULL CHECK (price_yen > 0),
  status             TEXT    NOT NULL CHECK (status IN ('AVAILABLE', 'HELD', 'SOLD')),
  reservation_number TEXT,
  PRIMARY KEY (event_id, seat_id),
  CHECK ((status = 'AVAILABLE') = (reservation_number IS NULL))
);

CREATE TABLE reservation (
  reservation_number TEXT    NOT NULL PRIMARY KEY,
  terminal_id        TEXT    NOT NULL,
  request_number     TEXT    NOT NULL,
  card_id            TEXT    NOT NULL,
  event_id           TEXT    NOT NULL REFERENCES event (event_id),
  issuer_id          TEXT    NOT NULL REFERENCES issuer (issuer_id),
  amount_yen         BIGINT  NOT NULL CHECK (amount_yen > 0),
  status             TEXT    NOT NULL CHECK (status IN ('HELD', 'ISSUED', 'CANCELLED', 'EXPIRED')),
  reserved_at        BIGINT  NOT NULL,
  expires_at         BIGINT  NOT NULL,
  closed_at          BIGINT,
  cancel_reason      TEXT,
  payload            BYTEA   NOT NULL,
  signature          BYTEA   NOT NULL,
  key_id             TEXT    NOT NULL,
  algorithm          TEXT    NOT NULL,
  UNIQUE (terminal_id, request_number)
);

CREATE INDEX reservation_holds_by_expiry ON reservation (status, expires_at);

CREATE TABLE reservation_seat (
  reservation_number TEXT    NOT NULL REFERENCES reservation (reservation_number),
  position           INTEGER NOT NULL,
  event_id           TEXT    NOT NULL,
  seat_id            TEXT    NOT NULL,
  section            TEXT    NOT NULL,
  row_label          TEXT    NOT NULL,
  seat_number        INTEGER NOT NULL,
  price_yen          BIGINT  NOT NULL,
  PRIMARY KEY (reservation_number, position),
  UNIQUE (reservation_number, seat_id),
  FOREIGN KEY (event_id, seat_id) REFERENCES seat (event_id, seat_id)
);

CREATE TABLE ticket (
  ticket_number      TEXT    NOT NULL PRIMARY KEY,
  reservation_number TEXT    NOT NULL UNIQUE REFERENCES reservation (reservation_number),
  issuer_id          TEXT    NOT NULL REFERENCES issuer (issuer_id),
  issue_number       BIGINT  NOT NULL,
  card_id            TEXT    NOT NULL,
  issued_at          BIGINT  NOT NULL,
  payment_method     TEXT    NOT NULL,
  payment_amount_yen BIGINT  NOT NULL,
  payment_reference  TEXT    NOT NULL,
  payment_stan       TEXT    NOT NULL,
  payload            BYTEA   NOT NULL,
  signature          BYTEA   NOT NULL,
  key_id             TEXT    NOT NULL,
  algorithm          TEXT    NOT NULL,
  UNIQUE (issuer_id, issue_number)
);

-- The last line of defence against double selling: a seat appears on at most one ticket, ever,
-- whatever the code above it does.
CREATE TABLE ticket_seat (
  event_id      TEXT NOT NULL,
  seat_id       TEXT NOT NULL,
  ticket_number TEXT NOT NULL REFERENCES ticket (ticket_number),
  PRIMARY KEY (event_id, seat_id),
  FOREIGN KEY (event_id, seat_id) REFERENCES seat (event_id, seat_id)
);
