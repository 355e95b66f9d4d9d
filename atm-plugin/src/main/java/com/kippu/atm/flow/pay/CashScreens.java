package com.kippu.atm.flow.pay;

import com.kippu.atm.payment.Money;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.List;

/** The screens of a cash payment; ids are stable because hosts and scripts key on them. */
final class CashScreens {
  /** The customer has put the cash in the slot. */
  static final String DONE = "done";

  /** After "no change": the customer will insert the exact price. */
  static final String EXACT = "exact";

  private static final Choice DONE_CHOICE = new Choice(DONE, Text.of("choice.cash-done"));
  private static final Choice EXACT_CHOICE = new Choice(EXACT, Text.of("choice.cash-exact"));
  private static final Choice CANCEL = new Choice("cancel", Text.of("choice.cancel"));

  private CashScreens() {}

  /** The slot is open: insert cash, then press Done (S2 ¶23, S20). */
  static Screen insertCash(Money price, Money inserted, Duration timeout) {
    return ask("insert-cash", Text.of("insert-cash.line"), price, inserted, timeout);
  }

  /** Too little so far: the slot is open again for the rest (S2 ¶23, S26). */
  static Screen insertMore(Money price, Money inserted, Duration timeout) {
    return ask(
        "insert-more", Text.of("insert-more.line", due(price, inserted)), price, inserted, timeout);
  }

  private static Screen ask(String id, Text first, Money price, Money inserted, Duration timeout) {
    return new Screen(
        id,
        Text.of(id + ".title"),
        List.of(
            first,
            Text.of("cash.price", price),
            Text.of("cash.inserted", inserted),
            Text.of("cash.due", due(price, inserted))),
        List.of(DONE_CHOICE, CANCEL),
        timeout);
  }

  /** What the unit counted: inserted, and still due or the change to come. */
  static Screen counted(Money price, Money inserted) {
    Text rest =
        inserted.yen() < price.yen()
            ? Text.of("cash.due", due(price, inserted))
            : Text.of("cash.change", Money.yen(inserted.yen() - price.yen()));
    return notice("cash-counted", Text.of("cash.inserted", inserted), rest);
  }

  /** The stock cannot make the change: insert the exact price, or cancel. */
  static Screen noChange(Money change, Money price, Duration timeout) {
    return new Screen(
        "no-change",
        Text.of("no-change.title"),
        List.of(Text.of("no-change.line", change), Text.of("no-change.exact", price)),
        List.of(EXACT_CHOICE, CANCEL),
        timeout);
  }

  static Screen returned(Money amount) {
    return notice("cash-returned", Text.of("cash-returned.line", amount));
  }

  static Screen takeChange(Money change) {
    return notice("take-change", Text.of("cash.change", change));
  }

  static Screen changeNotPaid(Money change) {
    return notice(
        "change-not-paid",
        Text.of("change-not-paid.line", change),
        Text.of("notice.contact-staff"));
  }

  static Screen retained(Money amount) {
    return notice(
        "cash-retained", Text.of("cash-retained.line", amount), Text.of("notice.contact-staff"));
  }

  static Screen refund(Money amount) {
    return notice("cash-refund", Text.of("cash-refund.line", amount));
  }

  private static Screen notice(String id, Text... lines) {
    return new Screen(id, Text.of(id + ".title"), List.of(lines), List.of(), Duration.ZERO);
  }

  private static Money due(Money price, Money inserted) {
    return Money.yen(Math.max(0, price.yen() - inserted.yen()));
  }
}
