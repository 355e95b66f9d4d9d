package com.kippu.simulator.bank;

import com.kippu.atm.store.GroupCommitWriter.Tx;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.PinCheck;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The PIN rules of every card the bank issued, debit card (0100) or cash card (0200 transfer), in
 * one place: the PIN is kept only as a salted verification value; a wrong PIN counts against the
 * card (55), the third in a row blocks it (75, and 75 from then on, also with the right PIN), and a
 * right PIN resets the count. The count is written in the caller's transaction, so it is committed
 * with the answer even when nothing moves.
 */
final class CardPins {
  /** Three wrong PINs in a row block the card (75). */
  static final int MAX_TRIES = 3;

  /** The table a kind of card lives in. */
  enum Table {
    DEBIT("cards"),
    CASH("cash_cards");

    private final String name;

    Table(String name) {
      this.name = name;
    }
  }

  /** What a PIN check needs of the card: the host's module verifies the block against it. */
  interface PinVerifier {
    PinCheck verify(byte[] salt, byte[] pvv);
  }

  /**
   * A card as stored: its account, its expiry (debit cards only), its PIN verification value and
   * the wrong PINs in a row so far.
   */
  record Card(String accountToken, String expiry, byte[] salt, byte[] pvv, int wrongPins) {}

  private CardPins() {}

  /** The card whose token is {@code token} in {@code table}, or null. */
  static Card find(Tx c, Table table, String token) throws SQLException {
    String expiry = table == Table.DEBIT ? "expiry" : "NULL";
    PreparedStatement ps =
        c.prepare(
            "SELECT account_token, "
                + expiry
                + ", pin_salt, pin_pvv, wrong_pins FROM "
                + table.name
                + " WHERE token = ?");
    ps.setString(1, token);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      return new Card(
          rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4), rs.getInt(5));
    }
  }

  /**
   * Checks the PIN of {@code card} and counts the outcome.
   *
   * @return null when the PIN verified (the count is reset), else 55 or 75
   */
  static ResponseCode check(Tx c, Table table, String token, Card card, PinVerifier pin)
      throws SQLException {
    if (card.wrongPins() >= MAX_TRIES) {
      return ResponseCode.PIN_TRIES_EXCEEDED;
    }
    if (pin.verify(card.salt(), card.pvv()) != PinCheck.MATCH) {
      int tries = card.wrongPins() + 1;
      setWrongPins(c, table, token, tries);
      return tries >= MAX_TRIES ? ResponseCode.PIN_TRIES_EXCEEDED : ResponseCode.INCORRECT_PIN;
    }
    if (card.wrongPins() > 0) {
      setWrongPins(c, table, token, 0);
    }
    return null;
  }

  /** The schema of the cash cards; the debit cards' table is older and made by the ledger. */
  static String createCashCards() {
    return "CREATE TABLE IF NOT EXISTS cash_cards (token TEXT PRIMARY KEY, display TEXT NOT NULL,"
        + " account_token TEXT NOT NULL, pin_salt BLOB NOT NULL, pin_pvv BLOB NOT NULL,"
        + " wrong_pins INTEGER NOT NULL)";
  }

  private static void setWrongPins(Tx c, Table table, String token, int tries) throws SQLException {
    PreparedStatement ps =
        c.prepare("UPDATE " + table.name + " SET wrong_pins = ? WHERE token = ?");
    ps.setInt(1, tries);
    ps.setString(2, token);
    ps.executeUpdate();
  }
}
