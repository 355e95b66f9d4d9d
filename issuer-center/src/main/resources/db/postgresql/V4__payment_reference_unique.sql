-- PostgreSQL twin of the SQLite script of the same version (BIGINT times and yen, BYTEA).
-- A bank reference pays for one reservation only (S1 ¶60): a second issuance with the same
-- payment proof for another reservation is refused by the database itself.
CREATE UNIQUE INDEX ticket_payment_reference ON ticket (payment_method, payment_reference);
