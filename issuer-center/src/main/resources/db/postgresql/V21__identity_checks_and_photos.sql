-- PostgreSQL twin of the SQLite script of the same version (BIGINT times, BYTEA).
-- The operator's identity check of a registration (S2 ¶35, ¶37): once checked against a document
-- shown in person, the user may be issued the cards that need it (a pass in the registered name, a
-- card with the face photo). The first check stands.
CREATE TABLE identity_check (
  user_id    TEXT    NOT NULL PRIMARY KEY REFERENCES registered_user (user_id),
  operator   TEXT    NOT NULL,
  document   TEXT    NOT NULL,
  checked_at BIGINT  NOT NULL
);

-- The face photo taken at registration (S2 ¶39), a PNG the center sends to the kiosk that prints it
-- on the face of a card that needs one.
CREATE TABLE user_photo (
  user_id   TEXT    NOT NULL PRIMARY KEY REFERENCES registered_user (user_id),
  png       BYTEA   NOT NULL,
  stored_at BIGINT  NOT NULL
);
