package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.CommuterPass;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.RegisteredHolder;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.RegisteredPart;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.purchase.AskAgain;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sells the paid commuter pass onto the card at the center (S2 ¶28-29, S82-S90) under the request
 * number journaled with the quote, the holder's details going to the railway with the sales record.
 * The signed pass must be this sale's (checked by the center client). A refusal ends the session
 * with the payment taken back; an unknown outcome is asked again, then left to recovery, which asks
 * the center by the request number: never taken back while a pass may exist.
 */
final class SellPass implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(SellPass.class.getName());

  private final KioskCenter center;
  private final PaymentMethods methods;
  private final CustomerTerminal customer;

  SellPass(KioskCenter center, PaymentMethods methods, CustomerTerminal customer) {
    this.center = center;
    this.methods = methods;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "sell-pass";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    PaymentMethod method = methods.get(session.payment().method().orElseThrow());
    PaymentProof proof = method.proof(session);
    String request = session.hold().requestNumber().orElseThrow();
    customer.inform(
        Screens.notice("issuing", Text.of("issuing.title"), Text.of("issuing.pass-line")));
    CommuterPass pass;
    try {
      pass =
          AskAgain.whileUnknown(
              "pass sale " + request,
              () ->
                  center.sellPass(
                      request,
                      session.hold().productQuote().orElseThrow(),
                      session.kiosk().holder().orElseThrow(),
                      session.card().requiredCardId(),
                      proof,
                      registeredHolder(session)));
    } catch (CenterException e) {
      if (!e.outcomeUnknown()) {
        throw e; // refused: nothing was sold for this payment, the flow takes it back
      }
      LOG.warning("pass sale " + request + " unsettled, left to recovery: " + e.getMessage());
      return Outcome.unsettled("pass sale unsettled: " + e.getMessage());
    }
    session.kiosk().passSold(pass);
    session.ticket().sold(pass.passNumber());
    method.settled(session);
    return Outcome.next();
  }

  /**
   * A signed-in user's pass is in the registered name and carries the face photo (S2 ¶37, ¶39): the
   * center sells it only with the user's PIN to an identity-checked registration.
   */
  private static Optional<RegisteredHolder> registeredHolder(PurchaseSession session) {
    RegisteredPart user = session.kiosk().user();
    if (!user.isRegisteredName(session.kiosk().holder().orElseThrow().name())) {
      return Optional.empty();
    }
    return Optional.of(new RegisteredHolder(user.user().get(), user.pin().get()));
  }
}
