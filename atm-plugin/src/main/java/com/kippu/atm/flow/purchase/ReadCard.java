package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;

/** Reads the inserted card's chip area: card id and the account the holder pays from (S1 ¶56). */
public final class ReadCard implements Step<PurchaseSession> {
  private final IcCard card;

  public ReadCard(IcCard card) {
    this.card = card;
  }

  @Override
  public String id() {
    return "read-card";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    session.card().read(card.readChip());
    return Outcome.next();
  }
}
