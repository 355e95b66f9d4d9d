-- Terminals allowed to call the center and the secret each signs its requests with
-- (HMAC-SHA256, see openapi.yaml). The secret has to be kept as is: HMAC needs it to verify.
CREATE TABLE terminal (
  terminal_id TEXT    NOT NULL PRIMARY KEY,
  secret      BYTEA   NOT NULL CHECK (octet_length(secret) >= 16),
  active      BOOLEAN NOT NULL DEFAULT TRUE,
  added_at    BIGINT  NOT NULL
);
