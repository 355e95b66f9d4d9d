-- A home PC (F13, S2 ¶46-51) is a terminal kind of its own: the user's own machine, which sells as
-- an ATM does but only against payments the center can check itself (its own authorisations, or
-- e-money from the card's purse). SQLite cannot alter a CHECK: the table is rebuilt.
CREATE TABLE terminal_v27 (
  terminal_id TEXT    NOT NULL PRIMARY KEY,
  secret      BLOB    NOT NULL CHECK (length(secret) >= 16),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  added_at    INTEGER NOT NULL,
  kind        TEXT    NOT NULL DEFAULT 'ATM' CHECK (kind IN ('ATM', 'GATE', 'HOME_PC')),
  venue       TEXT
);

INSERT INTO terminal_v27 (terminal_id, secret, active, added_at, kind, venue)
SELECT terminal_id, secret, active, added_at, kind, venue FROM terminal;

DROP TABLE terminal;
ALTER TABLE terminal_v27 RENAME TO terminal;
