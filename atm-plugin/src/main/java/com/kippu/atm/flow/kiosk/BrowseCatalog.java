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
  private final PrepaidShelf prepaid;

  BrowseCatalog(EventShelf events, PassShelf passes, PrepaidShelf prepaid) {
    this.events = events;
    this.passes = passes;
    this.prepaid = prepaid;
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
      case PREPAID -> prepaid.browse(session);
    };
  }
}
