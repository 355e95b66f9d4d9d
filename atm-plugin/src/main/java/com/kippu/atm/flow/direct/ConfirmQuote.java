package com.kippu.atm.flow.direct;

import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.Instant;

/**
 * No payment on a quote (for seats, F6, or a product, F7) that has run out while the customer chose
 * how to pay: the price may have changed, so the flow routes {@link Signal#HOLD_LAPSED} back to ask
 * for a fresh quote.
 */
public final class ConfirmQuote implements Step<PurchaseSession> {
  private final CustomerTerminal customer;
  private final Clock clock;

  public ConfirmQuote(CustomerTerminal customer, Clock clock) {
    this.customer = customer;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "confirm-quote";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    Instant validUntil = session.hold().priceValidUntil().orElseThrow();
    if (validUntil.isAfter(clock.instant())) {
      return Outcome.next();
    }
    customer.inform(
        Screens.notice(
            "quote-lapsed", Text.of("quote-lapsed.title"), Text.of("quote-lapsed.line")));
    return Outcome.signal(Signal.HOLD_LAPSED, "quote ran out at " + validUntil);
  }
}
