package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;

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
  public Outcome run(PurchaseSession session) throws Exception {
    tickets.write(card, session.chip().cardId(), session.ticket().orElseThrow().signed());
    session.ticketWritten();
    return Outcome.next();
  }
}
