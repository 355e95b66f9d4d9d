package com.kippu.atm.flow.pay;

import com.kippu.atm.flow.Fact;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.CashDesk.CashDeskException;
import com.kippu.atm.payment.Money;
import java.util.logging.Logger;

/**
 * What a cash payment journals about its attempt ({@link PaymentPart#note}): the deposit in escrow,
 * the change planned and the unit's stock before anything was kept, which recovery compares with
 * the stock it finds; and what staff must settle by hand, always with its amount.
 */
final class CashNotes {
  /** The deposit in escrow when the credit was asked for. */
  static final Fact<Long> INSERTED = Fact.number("cash.insertedYen");

  /** Its pieces, e.g. {@code 10000x1}. */
  static final Fact<String> PIECES = Fact.text("cash.pieces");

  static final Fact<Long> CHANGE = Fact.number("cash.changeYen");

  /** The value of the unit's stock once the deposit was fixed, before it could be kept. */
  static final Fact<Long> STOCK_BEFORE = Fact.number("cash.stockBeforeYen");

  /** The unit kept the deposit once its credit was approved (and journaled). */
  static final Fact<Boolean> KEPT = Fact.flag("cash.kept");

  /** The change came out and was taken. */
  static final Fact<Boolean> CHANGE_PAID = Fact.flag("cash.changePaid");

  /** Change the unit could not pay out; staff owe it to the customer. */
  static final Fact<Long> CHANGE_OWED = Fact.number("cash.changeOwedYen");

  /** The customer's cash the unit holds after a fault; staff owe it to the customer. */
  static final Fact<Long> RETAINED = Fact.number("cash.retainedYen");

  /** The price paid back to the customer in cash after its credit was taken back. */
  static final Fact<Long> REPAID = Fact.number("cash.repaidYen");

  /** What staff must do, in words. */
  static final Fact<String> STAFF = Fact.text("cash.staff");

  /** Jams of the unit during the session, for the day's cash closing. */
  static final Fact<Long> JAMS = Fact.number("cash.jams");

  /** Cash the unit put out, not taken and retracted into its bin during the session. */
  static final Fact<Long> RETRACTS = Fact.number("cash.retracts");

  private static final Logger LOG = Logger.getLogger(CashNotes.class.getName());

  private CashNotes() {}

  /** Reports cash the customer is owed for staff: journaled with the attempt and logged SEVERE. */
  static void staff(PurchaseSession session, Fact<Long> owed, Money amount, String what) {
    PaymentPart payment = session.payment();
    payment.noteStanding(owed, payment.noted(owed).orElse(0L) + amount.yen());
    String earlier = payment.noted(STAFF).map(s -> s + "; ").orElse("");
    payment.noteStanding(STAFF, earlier + what);
    LOG.severe(
        "session "
            + session.id()
            + payment.id().map(id -> ", cash payment " + id).orElse(", cash taken in")
            + ": "
            + what);
  }

  /** Counts a jam or a retract of the unit in the session's journal; other faults count nothing. */
  static void mishap(PurchaseSession session, CashDeskException e) {
    Fact<Long> counted =
        switch (e.mishap()) {
          case JAM -> JAMS;
          case RETRACT -> RETRACTS;
          case NONE -> null;
        };
    if (counted != null) {
      PaymentPart payment = session.payment();
      payment.noteStanding(counted, payment.noted(counted).orElse(0L) + 1);
    }
  }

  /** Words for staff on where a fault left {@code e.amount()}. */
  static String where(CashDeskException e) {
    String amount = e.amount().toString();
    return switch (e.fault()) {
      case OUT_OF_SERVICE, FULL -> "the cash unit took nothing (" + e.getMessage() + ")";
      case HELD_IN_ESCROW ->
          amount
              + " stays in the unit's escrow and is repaid when it has power again ("
              + e.getMessage()
              + ")";
      case RETAINED ->
          amount + " retained in the unit's retract bin: hand it back (" + e.getMessage() + ")";
      case FATE_UNKNOWN ->
          amount
              + " may or may not have reached the customer: count the unit ("
              + e.getMessage()
              + ")";
      case NOT_PAID_OUT ->
          amount + " was not paid out, its pieces are in the unit (" + e.getMessage() + ")";
    };
  }
}
