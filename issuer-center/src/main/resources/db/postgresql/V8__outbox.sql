-- PostgreSQL twin of the SQLite script of the same version (BIGINT times and yen, BYTEA).
-- Messages to issuers' systems (sales records S2 ¶25, lost cards S2 ¶38), delivered at least
-- once; message_key is the idempotency key the receiver deduplicates on.
CREATE TABLE outbox (
  message_key     TEXT    NOT NULL PRIMARY KEY,
  issuer_id       TEXT    NOT NULL REFERENCES issuer (issuer_id),
  message_type    TEXT    NOT NULL CHECK (message_type IN ('SALE', 'CARD_LOST')),
  payload         BYTEA   NOT NULL,
  created_at      BIGINT  NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT  NOT NULL,
  delivered_at    BIGINT ,
  last_error      TEXT
);

CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);
