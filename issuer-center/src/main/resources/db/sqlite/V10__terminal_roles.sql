-- What a terminal is allowed to do: an ATM (or CD, kiosk, home PC) sells and issues, a GATE admits
-- tickets to the events of its venue and nothing else.
ALTER TABLE terminal ADD COLUMN kind TEXT NOT NULL DEFAULT 'ATM' CHECK (kind IN ('ATM', 'GATE'));
ALTER TABLE terminal ADD COLUMN venue TEXT;
