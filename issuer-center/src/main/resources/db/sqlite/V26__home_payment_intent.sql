-- Intent first (F13, S2 ¶49-51): the center records a home PC's payment as PENDING, in its own
-- committed transaction, before it asks the card host or the bank, and moves it to APPROVED or
-- DECLINED when the host answers; a reversal claims a PENDING payment like an approved one. The
-- host's answer (response code, references, paid_at) is therefore null while PENDING, and
-- started_at says when the center began. SQLite cannot alter a CHECK constraint: the table is
-- rebuilt with the same name, columns and index.
CREATE TABLE home_payment_v26 (
  reference     TEXT    NOT NULL PRIMARY KEY,
  user_id       TEXT    NOT NULL,
  terminal_id   TEXT    NOT NULL,
  amount_yen    INTEGER NOT NULL CHECK (amount_yen > 0),
  masked_card   TEXT    NOT NULL,
  status        TEXT    NOT NULL
    CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'REVERSED')),
  response_code TEXT,
  rrn           TEXT,
  approval_code TEXT,
  stan          TEXT,
  paid_at       INTEGER,
  method        TEXT    NOT NULL DEFAULT 'CARD' CHECK (method IN ('CARD', 'ONLINE_BANKING')),
  paid_for      TEXT,
  started_at    INTEGER NOT NULL
);

INSERT INTO home_payment_v26 (reference, user_id, terminal_id, amount_yen, masked_card, status,
    response_code, rrn, approval_code, stan, paid_at, method, paid_for, started_at)
  SELECT reference, user_id, terminal_id, amount_yen, masked_card, status, response_code, rrn,
      approval_code, stan, paid_at, method, paid_for, paid_at
    FROM home_payment;

DROP TABLE home_payment;

ALTER TABLE home_payment_v26 RENAME TO home_payment;

CREATE INDEX home_payment_by_rrn ON home_payment (terminal_id, rrn);
