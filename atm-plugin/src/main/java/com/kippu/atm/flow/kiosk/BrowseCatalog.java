package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CardType;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;

/**
 * Browses what is on sale under the chosen card type, down its hierarchy (S2 ¶22, ¶26): genre,
 * artist, date/venue and seat for event tickets; railway, line, stations and period for commuter
 * passes; the issuer's cards for prepaid cards. Nothing is held: the price is quoted next.
 */
final class BrowseCatalog implements Step<PurchaseSession> {
  private final EventShelf events;
  private final PassShelf passes;

  BrowseCatalog(EventShelf events, PassShelf passes) {
    this.events = events;
    this.passes = passes;
  }

  @Override
  public String id() {
    return "browse-catalog";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    CardType type = session.kiosk().cardType().orElseThrow();
    return switch (type) {
      case EVENT_TICKET -> events.browse(session);
      case COMMUTER_PASS -> passes.browse(session);
      default -> Outcome.fail("card type " + type + " is not sold at this terminal");
    };
  }
}
