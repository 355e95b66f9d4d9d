package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CardType;
import com.kippu.atm.center.FareClass;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.direct.QuoteSeats;
import com.kippu.atm.flow.parts.KioskPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.spi.CustomerTerminal;

/**
 * Asks the issuer for its signed quote of what the customer chose (S2 ¶23, S12-S14): the price and
 * the issuer account the payment goes to (S1 ¶56), verified under the issuer's root-certified key.
 * The card is not known yet (a blank card is fed only once paid), so the quote names none. Nothing
 * is held, so there is nothing to compensate.
 */
final class QuotePrice implements Step<PurchaseSession> {
  private final KioskCenter center;
  private final QuoteSeats seats;

  QuotePrice(KioskCenter center, CustomerTerminal customer) {
    this.center = center;
    this.seats =
        new QuoteSeats((event, seatIds, session) -> center.quote(event, seatIds), customer);
  }

  @Override
  public String id() {
    return "quote-price";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    CardType type = session.kiosk().cardType().orElseThrow();
    return switch (type) {
      case EVENT_TICKET -> seats.run(session);
      case COMMUTER_PASS -> quotePass(session);
      case PREPAID -> quotePrepaid(session);
    };
  }

  /** A prepaid card at its issuer's price. */
  private Outcome quotePrepaid(PurchaseSession session) throws Exception {
    ProductQuote quote =
        center.quoteProduct(
            session.kiosk().product().orElseThrow().productId(),
            FareClass.ADULT,
            java.util.Optional.empty());
    session.hold().productQuoted(quote, session.id().value());
    return Outcome.next();
  }

  /** The railway's fare for the holder's class and the days the pass will be valid. */
  private Outcome quotePass(PurchaseSession session) throws Exception {
    KioskPart kiosk = session.kiosk();
    ProductQuote quote =
        center.quoteProduct(
            kiosk.product().orElseThrow().productId(),
            kiosk.fareClass().orElseThrow(),
            kiosk.validFrom());
    session.hold().productQuoted(quote, session.id().value());
    return Outcome.next();
  }
}
