-- PostgreSQL twin of the SQLite script of the same version.
-- A home PC's payment the center authorised pays for one sale only, and is taken back only when no
-- sale used it: paid_for names the sale it paid for (use kind and subject, as in payment), or
-- REVERSAL once its terminal began taking it back; null while neither happened. A sale finds the
-- payment by the RRN its proof carries as reference, under the terminal that made it.
ALTER TABLE home_payment ADD COLUMN paid_for TEXT;

CREATE INDEX home_payment_by_rrn ON home_payment (terminal_id, rrn);
