-- PostgreSQL twin of the SQLite script of the same version.
-- The home PC's online banking (F13, S2 ¶51): besides card payments at the card host, the center
-- orders transfers from the user's bank account at the bank, under the same terminal reference.
-- For an ONLINE_BANKING payment, masked_card holds the masked account the money came from.
ALTER TABLE home_payment ADD COLUMN method TEXT NOT NULL DEFAULT 'CARD'
  CHECK (method IN ('CARD', 'ONLINE_BANKING'));
