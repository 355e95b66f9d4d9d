-- The nonce of every signed request (terminals and issuers) until its timestamp leaves the clock
-- skew window, in the database so that every center node on it refuses a replay, whichever node
-- saw the first copy. Expired rows are purged by the nodes; expires_at is epoch milliseconds.
CREATE TABLE request_nonce (
  caller     TEXT   NOT NULL,
  nonce      TEXT   NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (caller, nonce)
);

CREATE INDEX request_nonce_by_expiry ON request_nonce (expires_at);
