-- PostgreSQL twin of the SQLite script of the same version, which rebuilds the table; here the
-- constraint and columns are altered in place.
-- Intent first (F13, S2 ¶49-51): the center records a home PC's payment as PENDING, in its own
-- committed transaction, before it asks the card host or the bank, and moves it to APPROVED or
-- DECLINED when the host answers; a reversal claims a PENDING payment like an approved one. The
-- host's answer (response code, references, paid_at) is therefore null while PENDING, and
-- started_at says when the center began.
ALTER TABLE home_payment DROP CONSTRAINT home_payment_status_check;
ALTER TABLE home_payment ADD CONSTRAINT home_payment_status_check
  CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'REVERSED'));
ALTER TABLE home_payment ALTER COLUMN response_code DROP NOT NULL;
ALTER TABLE home_payment ALTER COLUMN rrn DROP NOT NULL;
ALTER TABLE home_payment ALTER COLUMN approval_code DROP NOT NULL;
ALTER TABLE home_payment ALTER COLUMN stan DROP NOT NULL;
ALTER TABLE home_payment ALTER COLUMN paid_at DROP NOT NULL;
ALTER TABLE home_payment ADD COLUMN started_at BIGINT;
UPDATE home_payment SET started_at = paid_at;
ALTER TABLE home_payment ALTER COLUMN started_at SET NOT NULL;
