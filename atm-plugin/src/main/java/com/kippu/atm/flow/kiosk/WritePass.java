package com.kippu.atm.flow.kiosk;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;

/**
 * Writes the signed commuter pass to the card's write-once area as a PASS record (S2 ¶28 S84); the
 * write is idempotent.
 */
final class WritePass implements Step<PurchaseSession> {
  private final IcCard card;
  private final TicketCard records;

  WritePass(IcCard card, TicketCard records) {
    this.card = card;
    this.records = records;
  }

  @Override
  public String id() {
    return "write-pass";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    records.writePass(
        card, session.card().requiredCardId(), session.kiosk().pass().orElseThrow().signed());
    session.kiosk().passWritten();
    return Outcome.next();
  }
}
