package com.kippu.atm.flow.recharge;

import com.kippu.atm.center.CardValue;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.flow.purchase.AskAgain;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.payment.Purse;
import com.kippu.atm.recovery.Refusals;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.logging.Logger;

/**
 * After payment, asks the center to add the paid amount to the card's value under the payment proof
 * (idempotent there), then writes that value into the purse on the card ({@link PurseLoad}, once
 * per payment). A crash or a pulled card between the two leaves the session to recovery, which asks
 * the center again (the same answer) and writes the purse when the card is there. A refusal (a
 * limit reached meanwhile by another recharge, the card reported lost) fails the session, and the
 * runner takes the payment back; an answer that stays unknown leaves the session to recovery, which
 * asks again under the same proof.
 */
final class ApplyRecharge implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(ApplyRecharge.class.getName());

  private final IssuerCenter center;
  private final PaymentMethods methods;
  private final CustomerTerminal customer;
  private final Recharge recharge;
  private final PurseLoad purse;

  ApplyRecharge(
      IssuerCenter center,
      PaymentMethods methods,
      CustomerTerminal customer,
      Recharge recharge,
      PurseLoad purse) {
    this.purse = purse;
    this.center = center;
    this.methods = methods;
    this.customer = customer;
    this.recharge = recharge;
  }

  @Override
  public String id() {
    return "apply-recharge";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    PaymentMethod method = methods.get(session.payment().method().orElseThrow());
    PaymentProof proof = method.proof(session);
    customer.inform(
        Screens.notice("recharging", Text.of("recharging.title"), Text.of("recharging.line")));
    CardValue after;
    try {
      after =
          AskAgain.whileUnknown(
              "recharge of card " + session.card().requiredCardId(),
              () -> center.recharge(session.card().requiredCardId(), proof));
    } catch (CenterException e) {
      if (e.outcomeUnknown() || Refusals.forStaff(e.code())) {
        // Unknown, or this proof paid for something else: taking it back now could give value
        // away or take back another purchase's money. Recovery asks again and decides.
        LOG.warning("recharge unsettled, left to recovery: " + e.getMessage());
        return Outcome.unsettled("recharge unsettled: " + e.getMessage());
      }
      // The center's own words go to the journal; the customer reads their language.
      Text returned = Text.of("recharge-refused.returned", proof.amount());
      customer.inform(
          QuoteRecharge.LIMITS.contains(e.code())
              ? Screens.notice(
                  "recharge-refused",
                  Text.of("recharge-refused.title"),
                  Text.of("recharge-limit." + e.code(), proof.amount()),
                  QuoteRecharge.room(e),
                  returned)
              : Screens.notice(
                  "recharge-refused",
                  Text.of("recharge-refused.title"),
                  Text.of("recharge-refused.line"),
                  returned));
      return Outcome.fail("recharge refused (" + e.code() + "): " + QuoteRecharge.reason(e));
    }
    recharge.done(after);
    // Recorded at the center: now onto the chip, where e-money is spent.
    PurseLoad.Result loaded;
    try {
      loaded = purse.load(after.cardId(), proof.amount(), loadId(session));
    } catch (Purse.PurseException e) {
      LOG.warning("recharge recorded, purse not yet written: " + e.getMessage());
      return Outcome.unsettled("recharge recorded, purse not written: " + e.getMessage());
    }
    if (loaded == PurseLoad.Result.NEEDS_CARD) {
      return Outcome.unsettled("recharge recorded, card " + after.cardId() + " not in the reader");
    }
    method.settled(session);
    return Outcome.next();
  }

  /**
   * The purse transaction a recharge's value is loaded under: named by the payment, so the step and
   * recovery name the same load.
   */
  static String loadId(PurchaseSession session) {
    return session.payment().requiredId() + "-L";
  }
}
