package com.kippu.atm.flow.kiosk;

import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Hands the finished card out at the slot (S2 ¶24 S40, ¶28 S86). A card not taken within the
 * present timeout is retracted into the capture bin and counted; what it holds stays sold and
 * issued to it, so staff hand it over (or have it reissued) when the customer comes back with the
 * receipt.
 */
final class EjectCard implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(EjectCard.class.getName());

  private final CardUnit unit;
  private final CustomerTerminal customer;
  private final Duration presentTimeout;

  EjectCard(CardUnit unit, CustomerTerminal customer, Duration presentTimeout) {
    this.unit = unit;
    this.customer = customer;
    this.presentTimeout = presentTimeout;
  }

  @Override
  public String id() {
    return "eject-card";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    customer.inform(
        Screens.notice("take-card", Text.of("take-card.title"), Text.of("take-card.line")));
    CardUnit.Ejection ejection;
    try {
      ejection = unit.eject(presentTimeout);
    } catch (CardUnitException e) {
      // The sale stands: the card is in the unit and staff take it out.
      LOG.warning("session " + session.id() + ": card not presented: " + e.getMessage());
      ejection = CardUnit.Ejection.CAPTURED;
    }
    if (ejection == CardUnit.Ejection.TAKEN) {
      session.kiosk().taken();
      return Outcome.next();
    }
    session.kiosk().captured();
    LOG.warning(
        "session "
            + session.id()
            + ": card "
            + session.card().requiredCardId()
            + " not taken, kept in the capture bin for its holder");
    customer.inform(
        Screens.notice(
            "card-captured",
            Text.of("card-captured.title"),
            Text.of("card-captured.line", session.card().requiredCardId().value()),
            Text.of("card-captured.staff")));
    return Outcome.next();
  }
}
