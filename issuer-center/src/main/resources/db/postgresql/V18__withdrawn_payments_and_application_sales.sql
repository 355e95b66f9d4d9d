-- A payment its terminal took back because no sale answered it (a commuter pass whose sale was
-- never confirmed, F7): use_kind WITHDRAWN, subject the request number. The row holds the proof's
-- key, so a late copy of the sale request meets it and is refused: a payment reversed at the bank
-- never pays for a pass afterwards.
ALTER TABLE payment DROP CONSTRAINT payment_use_kind_check;
ALTER TABLE payment ADD CONSTRAINT payment_use_kind_check
  CHECK (use_kind IN ('RESERVATION', 'CARD_SALE', 'PASS_SALE', 'APPLICATION_SALE', 'REFUSED', 'WITHDRAWN'));

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

