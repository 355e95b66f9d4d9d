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
  amount_yen       BIGINT  NOT NULL CHECK (amount_yen > 0),
  payment_method   TEXT    NOT NULL,
  payment_reference TEXT   NOT NULL,
  payload          BYTEA   NOT NULL,
  signature        BYTEA   NOT NULL,
  key_id           TEXT    NOT NULL,
  sold_at          BIGINT  NOT NULL,
  UNIQUE (terminal_id, request_number)
);

CREATE INDEX pass_sale_by_time ON pass_sale (sold_at);

-- A payment may now pay for a pass (use_kind PASS_SALE).
ALTER TABLE payment DROP CONSTRAINT payment_use_kind_check;
ALTER TABLE payment ADD CONSTRAINT payment_use_kind_check
  CHECK (use_kind IN ('RESERVATION', 'CARD_SALE', 'PASS_SALE', 'REFUSED'));
