-- PostgreSQL twin of the SQLite script of the same version (BIGINT times).
-- A recharge's value on its way onto the card's chip (F11). The center records the recharge first;
-- the terminal then writes the purse under transaction_id. A row without loaded_at is a pending
-- load: any terminal with an e-money reader writes it when the card is next inserted (the card
-- answers a credit under an id its value log holds with that record, so a load is never written
-- twice), then reports it here.
CREATE TABLE purse_load (
  sale_id        TEXT    NOT NULL PRIMARY KEY REFERENCES card_sale (sale_id),
  card_id        TEXT    NOT NULL,
  transaction_id TEXT    NOT NULL,
  amount_yen     BIGINT  NOT NULL CHECK (amount_yen > 0),
  recorded_at    BIGINT  NOT NULL,
  loaded_at      BIGINT,
  UNIQUE (card_id, transaction_id)
);

CREATE INDEX purse_load_pending ON purse_load (card_id) WHERE loaded_at IS NULL;
