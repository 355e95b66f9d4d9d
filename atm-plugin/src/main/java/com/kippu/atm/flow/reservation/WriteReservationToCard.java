package com.kippu.atm.flow.reservation;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;

/**
 * Appends the signed reservation info to the card's write-once area (F1, S1 ¶41-42); from then on
 * the reservation is the customer's and nothing in the session releases it. The write is
 * idempotent.
 */
public final class WriteReservationToCard implements Step<PurchaseSession> {
  private final IcCard card;
  private final ReservationRecords records;

  public WriteReservationToCard(IcCard card, ReservationRecords records) {
    this.card = card;
    this.records = records;
  }

  @Override
  public String id() {
    return "write-reservation";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    records.write(card, session.card().requiredCardId(), session.hold().granted().signed());
    session.hold().writtenToCard();
    return Outcome.next();
  }
}
