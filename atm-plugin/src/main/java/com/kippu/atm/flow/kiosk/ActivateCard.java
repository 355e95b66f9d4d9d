package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.PrepaidCardState;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.purchase.AskAgain;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.logging.Logger;

/**
 * Flow F10 inside the kiosk purchase (S2 ¶13-14, ¶41-43): the pre-valued card's id, read when it
 * was fed, is sent with the payment to the center, and its issuer marks it issued; only from then
 * on is its value worth anything. The activation is idempotent per payment proof, so an answer lost
 * is asked again, and recovery repeats it; a refusal ends the session with the payment taken back
 * and the card captured.
 */
final class ActivateCard implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(ActivateCard.class.getName());

  private final KioskCenter center;
  private final PaymentMethods methods;
  private final CustomerTerminal customer;

  ActivateCard(KioskCenter center, PaymentMethods methods, CustomerTerminal customer) {
    this.center = center;
    this.methods = methods;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "activate-card";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    PaymentMethod method = methods.get(session.payment().method().orElseThrow());
    PaymentProof proof = method.proof(session);
    var card = session.card().requiredCardId();
    customer.inform(
        Screens.notice("activating", Text.of("activating.title"), Text.of("activating.line")));
    PrepaidCardState active;
    try {
      active = AskAgain.whileUnknown("activation of " + card, () -> center.activate(card, proof));
    } catch (CenterException e) {
      if (!e.outcomeUnknown()) {
        throw e; // refused: the card stays worthless, the flow takes the payment back
      }
      LOG.warning("activation of " + card + " unsettled, left to recovery: " + e.getMessage());
      return Outcome.unsettled("activation unsettled: " + e.getMessage());
    }
    session.ticket().sold(active.cardId().value());
    method.settled(session);
    return Outcome.next();
  }
}
