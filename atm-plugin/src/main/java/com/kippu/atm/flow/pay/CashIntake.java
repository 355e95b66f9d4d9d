package com.kippu.atm.flow.pay;

import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.CashDesk;
import com.kippu.atm.payment.CashDesk.Cash;
import com.kippu.atm.payment.CashDesk.CashDeskException;
import com.kippu.atm.payment.Money;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import java.time.Duration;
import java.util.Optional;

/**
 * Takes the customer's cash into the unit's escrow until it covers the price (S2 ¶23, S20-S26): the
 * slot stays open while a screen asks for cash, each counted batch is shown with what is still due
 * or the change to come, too little asks for more, and the change is checked against the stock
 * before anything is kept; when it cannot be made the cash goes back and the customer may insert
 * the exact price. A cancel or a timeout repays exactly the pieces inserted; a fault that keeps the
 * cash in the unit is reported for staff with its amount.
 */
final class CashIntake {
  private final CashDesk desk;
  private final Duration answerTimeout;

  CashIntake(CashDesk desk, Duration answerTimeout) {
    this.desk = desk;
    this.answerTimeout = answerTimeout;
  }

  /**
   * Leaves a deposit covering the price fixed in escrow and notes it ({@link CashNotes}), or says
   * why not; nothing of the customer's is kept either way.
   */
  Optional<PaymentOutcome> take(PurchaseSession session, CustomerTerminal customer) {
    Money price = session.hold().price();
    session.payment().clearNotes();
    try {
      if (desk.full()) {
        return Optional.of(PaymentOutcome.CASH_UNIT_FULL);
      }
      desk.openSlot();
      Screen ask = CashScreens.insertCash(price, Money.yen(0), answerTimeout);
      Money counted = Money.yen(0);
      while (true) {
        Answer answer = customer.show(ask);
        Money now = desk.closeSlot().amount();
        if (!now.equals(counted)) {
          counted = now;
          customer.inform(CashScreens.counted(price, counted));
        }
        if (!answer.is(CashScreens.DONE)) {
          return Optional.of(giveBack(session, customer, PaymentOutcome.CANCELLED_BY_CUSTOMER));
        }
        if (counted.yen() < price.yen()) {
          if (desk.full()) {
            return Optional.of(giveBack(session, customer, PaymentOutcome.CASH_UNIT_FULL));
          }
          desk.reopenSlot();
          ask = CashScreens.insertMore(price, counted, answerTimeout);
          continue;
        }
        Money change = Money.yen(counted.yen() - price.yen());
        // Ask before keeping anything: once stored, the cash could only come back as change.
        if (change.yen() > 0 && !desk.canPay(change)) {
          PaymentOutcome back = giveBack(session, customer, PaymentOutcome.NO_CHANGE);
          if (back != PaymentOutcome.NO_CHANGE
              || !customer
                  .show(CashScreens.noChange(change, price, answerTimeout))
                  .is(CashScreens.EXACT)) {
            return Optional.of(back);
          }
          desk.openSlot();
          counted = Money.yen(0);
          ask = CashScreens.insertCash(price, counted, answerTimeout);
          continue;
        }
        Cash deposit = desk.fix();
        session.payment().note(CashNotes.INSERTED, deposit.amount().yen());
        session.payment().note(CashNotes.PIECES, deposit.toString());
        session.payment().note(CashNotes.CHANGE, change.yen());
        session.payment().note(CashNotes.STOCK_BEFORE, desk.stock().yen());
        return Optional.empty();
      }
    } catch (CashDeskException e) {
      return Optional.of(fault(session, customer, e));
    } catch (RuntimeException e) {
      // Whatever went wrong, the customer's cash goes back before the session ends.
      giveBack(session, customer, PaymentOutcome.CASH_UNIT_UNAVAILABLE);
      throw e;
    }
  }

  /**
   * Repays the open deposit, tells the customer and returns {@code why}; a fault on the way out is
   * reported instead ({@link PaymentOutcome#CASH_RETAINED}).
   */
  PaymentOutcome giveBack(PurchaseSession session, CustomerTerminal customer, PaymentOutcome why) {
    try {
      Cash back = desk.repay();
      if (!back.isEmpty()) {
        customer.inform(CashScreens.returned(back.amount()));
      }
      return why;
    } catch (CashDeskException e) {
      return fault(session, customer, e);
    }
  }

  /** A fault of the unit: cash it holds is reported for staff and the customer told. */
  static PaymentOutcome fault(
      PurchaseSession session, CustomerTerminal customer, CashDeskException e) {
    CashNotes.mishap(session, e);
    return switch (e.fault()) {
      case OUT_OF_SERVICE -> PaymentOutcome.CASH_UNIT_UNAVAILABLE;
      case FULL -> PaymentOutcome.CASH_UNIT_FULL;
      case HELD_IN_ESCROW, RETAINED, FATE_UNKNOWN, NOT_PAID_OUT -> {
        CashNotes.staff(session, CashNotes.RETAINED, e.amount(), CashNotes.where(e));
        customer.inform(CashScreens.retained(e.amount()));
        yield PaymentOutcome.CASH_RETAINED;
      }
    };
  }
}
