-- PostgreSQL twin of the SQLite script of the same version (BIGINT times and yen, BYTEA).
-- Issuers as accounts (S2 ¶21): kind, settlement fee in basis points, where sales records go,
-- and the API secret an issuer signs its catalog pushes with (HMAC-SHA256, as terminals do).
ALTER TABLE issuer ADD COLUMN kind TEXT NOT NULL DEFAULT 'PROMOTER'
  CHECK (kind IN ('PROMOTER', 'RAILWAY', 'PREPAID_ISSUER'));
ALTER TABLE issuer ADD COLUMN fee_bps INTEGER NOT NULL DEFAULT 0 CHECK (fee_bps BETWEEN 0 AND 10000);
ALTER TABLE issuer ADD COLUMN sales_endpoint TEXT;

CREATE TABLE issuer_credential (
  issuer_id TEXT    NOT NULL PRIMARY KEY REFERENCES issuer (issuer_id),
  secret    BYTEA   NOT NULL CHECK (octet_length(secret) >= 16),
  added_at  BIGINT  NOT NULL
);

-- The image an issuer wants printed on the card face (S2 ¶21).
CREATE TABLE event_image (
  event_id     TEXT NOT NULL PRIMARY KEY REFERENCES event (event_id),
  content_type TEXT NOT NULL,
  image        BYTEA NOT NULL
);

-- Non-seat products: commuter passes on a railway section, prepaid cards.
CREATE TABLE product (
  product_id   TEXT    NOT NULL PRIMARY KEY,
  issuer_id    TEXT    NOT NULL REFERENCES issuer (issuer_id),
  card_type    TEXT    NOT NULL CHECK (card_type IN ('COMMUTER_PASS', 'PREPAID')),
  name         TEXT    NOT NULL,
  price_yen    BIGINT  NOT NULL CHECK (price_yen > 0),
  value_yen    BIGINT  NOT NULL DEFAULT 0 CHECK (value_yen >= 0),
  line_name    TEXT,
  from_station TEXT,
  to_station   TEXT,
  period_days  INTEGER,
  updated_at   BIGINT  NOT NULL
);

CREATE INDEX product_by_type ON product (card_type, issuer_id);
