package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;

/**
 * Writes the ticket info to the card's write-once area (S1 ¶105, S44). The write is idempotent, so
 * recovery can repeat it when the card comes back.
 */
public final class WriteTicketToCard implements Step<PurchaseSession> {
  private final IcCard card;
  private final TicketCard tickets;

  public WriteTicketToCard(IcCard card, TicketCard tickets) {
    this.card = card;
    this.tickets = tickets;
  }

  @Override
  public String id() {
    return "write-ticket";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    tickets.write(
        card, session.card().requiredCardId(), session.ticket().ticket().orElseThrow().signed());
    session.ticket().written();
    return Outcome.next();
  }
}
