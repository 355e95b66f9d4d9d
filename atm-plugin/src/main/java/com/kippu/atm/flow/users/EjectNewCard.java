package com.kippu.atm.flow.users;

import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Duration;

/**
 * Presents the new card at the slot. A card not taken in time is retracted into the capture bin (S2
 * ¶24): it holds the user's tickets, so staff hand it over on proof of identity; either way the
 * reissue is done.
 */
public final class EjectNewCard implements Step<UserSession> {
  private final CardUnit unit;
  private final CustomerTerminal customer;
  private final Duration presentTimeout;

  public EjectNewCard(CardUnit unit, CustomerTerminal customer, Duration presentTimeout) {
    this.unit = unit;
    this.customer = customer;
    this.presentTimeout = presentTimeout;
  }

  @Override
  public String id() {
    return "eject-new-card";
  }

  @Override
  public Outcome run(UserSession session) {
    customer.inform(
        Screens.notice(
            "take-new-card",
            Text.of("take-new-card.title"),
            Text.of("take-new-card.line", session.newCard().orElseThrow().value())));
    try {
      session.put(UserSession.NEW_CARD_END, unit.eject(presentTimeout).name());
    } catch (CardUnitException e) {
      session.put(UserSession.NEW_CARD_END, "IN_UNIT");
      session.put(UserSession.PROBLEM, "the new card could not be presented: " + e.getMessage());
    }
    return Outcome.next();
  }
}
