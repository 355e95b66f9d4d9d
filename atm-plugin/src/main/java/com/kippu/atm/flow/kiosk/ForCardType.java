package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CardType;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;

/**
 * A step of the kiosk purchase that only one card type takes (selling a pass, writing a ticket):
 * for any other card type it does nothing and the flow goes on. It keeps the wrapped step's id, so
 * the journal reads as if the step were the flow's own.
 */
final class ForCardType implements Step<PurchaseSession> {
  private final CardType type;
  private final Step<PurchaseSession> step;

  private ForCardType(CardType type, Step<PurchaseSession> step) {
    this.type = type;
    this.step = step;
  }

  /** {@code step}, taken only by sessions buying a card of {@code type}. */
  static Step<PurchaseSession> only(CardType type, Step<PurchaseSession> step) {
    return new ForCardType(type, step);
  }

  @Override
  public String id() {
    return step.id();
  }

  @Override
  public Outcome prepare(PurchaseSession session) throws Exception {
    return applies(session) ? step.prepare(session) : Outcome.next();
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    return applies(session) ? step.run(session) : Outcome.next();
  }

  @Override
  public void prepareCompensate(PurchaseSession session) {
    if (applies(session)) {
      step.prepareCompensate(session);
    }
  }

  @Override
  public void compensate(PurchaseSession session) throws Exception {
    if (applies(session)) {
      step.compensate(session);
    }
  }

  private boolean applies(PurchaseSession session) {
    return session.kiosk().is(type);
  }
}
