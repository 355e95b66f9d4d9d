-- A home PC (F13, S2 ¶46-51) is a terminal kind of its own: the user's own machine, which sells as
-- an ATM does but only against payments the center can check itself (its own authorisations, or
-- e-money from the card's purse).
ALTER TABLE terminal DROP CONSTRAINT terminal_kind_check;
ALTER TABLE terminal ADD CONSTRAINT terminal_kind_check CHECK (kind IN ('ATM', 'GATE', 'HOME_PC'));
