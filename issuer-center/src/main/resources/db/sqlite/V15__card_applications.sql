-- Issuers' applications for CPU cards (S2 ¶21, ¶45, ¶53): uploaded by the issuer's local server,
-- installed by terminals onto cards already issued. One row per application id and version.
CREATE TABLE card_application (
  app_id      TEXT    NOT NULL,
  version     INTEGER NOT NULL CHECK (version BETWEEN 1 AND 65535),
  issuer_id   TEXT    NOT NULL REFERENCES issuer (issuer_id),
  aid         TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  price_yen   INTEGER  NOT NULL CHECK (price_yen >= 0),
  code        BLOB    NOT NULL,
  code_sha256 TEXT    NOT NULL,
  uploaded_at INTEGER  NOT NULL,
  PRIMARY KEY (app_id, version)
);
