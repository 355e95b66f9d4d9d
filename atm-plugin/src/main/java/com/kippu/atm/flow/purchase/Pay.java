package com.kippu.atm.flow.purchase;

import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.PaymentOutcome;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.Optional;

/**
 * Pays the hold with the method the customer chose (S1 ¶57, S39-S41), delegating to its {@link
 * PaymentMethod}. What the customer presents (card, PIN) is gathered first; the attempt is then
 * journaled as possibly moving money before it starts. A wrong PIN raises {@link Signal#TRY_AGAIN};
 * too many close the method for the session; any other failure tells the customer why and raises
 * {@link Signal#DECLINED} (S1 ¶58). Compensation takes back an approved payment that bought no
 * ticket.
 */
public final class Pay implements Step<PurchaseSession> {
  private final PaymentMethods methods;
  private final CustomerTerminal customer;

  public Pay(PaymentMethods methods, CustomerTerminal customer) {
    this.methods = methods;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "pay";
  }

  /**
   * Lets the method gather what the customer presents (card, PIN) and only then opens the attempt,
   * so the journal names an attempt as possibly moving money only once it may.
   */
  @Override
  public Outcome prepare(PurchaseSession session) {
    PaymentMethod method = chosen(session);
    Optional<PaymentOutcome> refused = method.prepare(session, customer);
    if (refused.isPresent()) {
      return notPaid(session, method, refused.get());
    }
    session.payment().request(session.id().value());
    return Outcome.next();
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    PaymentMethod method = chosen(session);
    PaymentOutcome outcome = method.pay(session, customer);
    if (outcome.approved()) {
      return Outcome.next();
    }
    return notPaid(session, method, outcome);
  }

  private Outcome notPaid(PurchaseSession session, PaymentMethod method, PaymentOutcome outcome) {
    String reason = method.id() + " " + outcome.name();
    if (outcome == PaymentOutcome.WRONG_PIN) {
      customer.inform(Screens.notice("wrong-pin", Text.of("wrong-pin.title"), outcome.text()));
      return Outcome.signal(Signal.TRY_AGAIN, reason);
    }
    if (outcome == PaymentOutcome.PIN_TRIES_EXCEEDED) {
      // The host blocked the card (75): the method ends for this session (S1 ¶58).
      session.payment().close(method.id());
    }
    customer.inform(
        Screens.notice(
            "payment-declined",
            Text.of("payment-declined.title"),
            outcome.text(),
            Text.of("notice.choose-again")));
    return Outcome.signal(Signal.DECLINED, reason);
  }

  /** A payment that may have moved and bought no ticket is journaled as being taken back. */
  @Override
  public void prepareCompensate(PurchaseSession session) {
    if (!session.ticket().bought()) {
      session.payment().takeBack();
    }
  }

  @Override
  public void compensate(PurchaseSession session) throws Exception {
    if (session.payment().method().isPresent() && session.payment().id().isPresent()) {
      chosen(session).compensate(session);
    }
  }

  private PaymentMethod chosen(PurchaseSession session) {
    return methods.get(session.payment().method().orElseThrow());
  }
}
