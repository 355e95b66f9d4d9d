-- Terminals allowed to call the center and the secret each signs its requests with
-- (HMAC-SHA256, see openapi.yaml). The secret has to be kept as is: HMAC needs it to verify.
CREATE TABLE terminal (
  terminal_id TEXT    NOT NULL PRIMARY KEY,
  secret      BLOB    NOT NULL CHECK (length(secret) >= 16),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  added_at    INTEGER NOT NULL
);
