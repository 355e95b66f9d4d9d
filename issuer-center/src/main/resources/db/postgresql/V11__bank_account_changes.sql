-- An issuer's payee bank account changes under dual control: one operator proposes the new account
-- here, another approves it, and only then does it replace issuer.bank_account.
CREATE TABLE issuer_bank_change (
  issuer_id    TEXT    NOT NULL PRIMARY KEY REFERENCES issuer (issuer_id),
  bank_account TEXT    NOT NULL,
  proposed_by  TEXT    NOT NULL,
  proposed_at  BIGINT NOT NULL
);
