-- A payment its terminal took back because no sale answered it (a commuter pass whose sale was
-- never confirmed, F7): use_kind WITHDRAWN, subject the request number. The row holds the proof's
-- key, so a late copy of the sale request meets it and is refused: a payment reversed at the bank
-- never pays for a pass afterwards.
ALTER TABLE payment DROP CONSTRAINT payment_use_kind_check;
ALTER TABLE payment ADD CONSTRAINT payment_use_kind_check
  CHECK (use_kind IN ('RESERVATION', 'CARD_SALE', 'PASS_SALE', 'REFUSED', 'WITHDRAWN'));
