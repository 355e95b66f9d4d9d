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
import com.kippu.atm.flow.pay.PendingLoads;
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
 * (idempotent there), naming the purse transaction id the value goes onto the chip under, then
 * writes it into the purse ({@link PurseLoad}, once per payment). Once the center has recorded it,
 * the value is the customer's: a card taken out before the write, or a reader that fails, ends the
 * session with the value as a pending load at the center, which any terminal writes the next time
 * the card is inserted ({@link PendingLoads}); the payment stands. A crash between the two is the
 * same for recovery. A refusal (a limit reached meanwhile by another recharge, the card reported
 * lost) fails the session, and the runner takes the payment back; an answer that stays unknown
 * leaves the session to recovery, which asks again under the same proof.
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
      String purseTx = PurseLoad.transactionId(loadId(session));
      after =
          AskAgain.whileUnknown(
              "recharge of card " + session.card().requiredCardId(),
              () -> center.recharge(session.card().requiredCardId(), proof, purseTx));
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
    String purseTx = PurseLoad.transactionId(loadId(session));
    PurseLoad.Result loaded;
    try {
      loaded = purse.loadAs(after.cardId(), proof.amount(), purseTx);
    } catch (Purse.PurseException e) {
      LOG.warning("recharge recorded, purse not written; a pending load now: " + e.getMessage());
      loaded = PurseLoad.Result.NEEDS_CARD;
    }
    method.settled(session);
    if (loaded == PurseLoad.Result.NEEDS_CARD) {
      // The center keeps it as a pending load: any terminal writes it at the next insertion.
      recharge.loadPending();
      customer.inform(
          Screens.notice(
              "recharge-pending",
              Text.of("recharge-pending.title"),
              Text.of("recharge-pending.line", proof.amount())));
      return Outcome.next();
    }
    try {
      center.loaded(after.cardId(), purseTx);
    } catch (CenterException e) {
      // On the chip; the next insertion finds it there and reports it again.
      LOG.info("load " + purseTx + " on the chip, not reported: " + e.getMessage());
    }
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
