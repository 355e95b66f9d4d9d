-- A recharge's value on its way onto the card's chip (F11). The center records the recharge first;
-- the terminal then writes the purse under transaction_id. A row without loaded_at is a pending
-- load: any terminal with an e-money reader writes it when the card is next inserted (the card
-- answers a credit under an id its value log holds with that record, so a load is never written
-- twice), then reports it here.
CREATE TABLE purse_load (
  sale_id        TEXT    NOT NULL PRIMARY KEY REFERENCES card_sale (sale_id),
  card_id        TEXT    NOT NULL,
  transaction_id TEXT    NOT NULL,
  amount_yen     INTEGER NOT NULL CHECK (amount_yen > 0),
  recorded_at    INTEGER NOT NULL,
  loaded_at      INTEGER,
  UNIQUE (card_id, transaction_id)
);

CREATE INDEX purse_load_pending ON purse_load (card_id) WHERE loaded_at IS NULL;
