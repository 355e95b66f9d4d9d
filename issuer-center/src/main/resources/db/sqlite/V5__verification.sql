-- The center's own signing key (revocation lists), gate entries and revocations (S1 ¶79).
CREATE TABLE center_key (
  key_id      TEXT    NOT NULL PRIMARY KEY,
  public_key  BLOB    NOT NULL,
  private_key BLOB    NOT NULL,
  created_at  INTEGER NOT NULL
);

-- One entry per ticket, ever: the primary key refuses a second entry whatever races above it.
CREATE TABLE ticket_use (
  ticket_number TEXT    NOT NULL PRIMARY KEY,
  entry_id      TEXT    NOT NULL,
  gate_id       TEXT    NOT NULL,
  used_at       INTEGER NOT NULL
);

-- Revocations in the order they happened; the list version is the highest sequence.
CREATE TABLE revocation (
  sequence   INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT    NOT NULL CHECK (kind IN ('TICKET', 'CARD')),
  subject    TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  revoked_at INTEGER NOT NULL,
  UNIQUE (kind, subject)
);
