package com.kippu.atm.flow.pay;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.HomePayment;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.parts.PurchaseSession;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * What the home PC's payments authorised through the center (by card, by online banking) do alike
 * once the center holds the payment under the session's reference: the center's record decides what
 * a restored session paid, and the center takes an approval back at the host that gave it. The
 * center records a payment PENDING before it asks the host; a pending payment is unresolved, never
 * paid and never "no money moved", until the center's reversal settles it.
 */
final class CenterPayments {
  private static final Logger LOG = Logger.getLogger(CenterPayments.class.getName());

  private CenterPayments() {}

  /** The live session ended without a sale: an approval is taken back. */
  static void compensate(IssuerCenter center, PurchaseSession session) throws CenterException {
    if (session.payment().approval().isPresent()) {
      center.homeReverse(session.payment().requiredId());
    }
  }

  /**
   * The live session has no settled answer (none came, or the center had not recorded the host's):
   * the center is asked to take the payment back now. Only a settled answer (reversed, declined)
   * means no money moved; otherwise recovery asks again.
   */
  static PaymentOutcome unresolved(IssuerCenter center, PurchaseSession session) {
    String reference = session.payment().requiredId();
    try {
      HomePayment p = center.homeReverse(reference);
      if (!p.pending() && !p.approved()) {
        session.payment().noMoneyMoved();
        return PaymentOutcome.NOT_COMPLETED;
      }
      LOG.warning("home payment " + reference + " left to recovery: still " + p.status());
    } catch (CenterException e) {
      LOG.warning("home payment " + reference + " left to recovery: " + e.getMessage());
    }
    return PaymentOutcome.NOT_COMPLETED;
  }

  /**
   * What a restored session paid, from the center's record; a pending one the center is asked to
   * take back. Asked again at the next recovery when the center cannot settle it. No record means
   * the center asked no host under the reference: no money moved.
   */
  static PaymentMethod.Resolution resolve(
      IssuerCenter center,
      PurchaseSession restored,
      BiFunction<PurchaseSession, HomePayment, PaymentOutcome> answered) {
    String reference = restored.payment().requiredId();
    try {
      HomePayment p = center.homePayment(reference);
      if (p.pending()) {
        p = center.homeReverse(reference);
      }
      if (p.pending()) {
        return PaymentMethod.Resolution.NEEDS_CARD;
      }
      if (p.reversed()) {
        return PaymentMethod.Resolution.REFUNDED;
      }
      return answered.apply(restored, p).approved()
          ? PaymentMethod.Resolution.APPROVED
          : PaymentMethod.Resolution.NO_MONEY;
    } catch (CenterException e) {
      return "PAYMENT_NOT_FOUND".equals(e.code())
          ? PaymentMethod.Resolution.NO_MONEY
          : PaymentMethod.Resolution.NEEDS_CARD;
    }
  }

  /** A restored session's payment taken back at the host that approved it. */
  static PaymentMethod.Refund refund(IssuerCenter center, PurchaseSession restored) {
    try {
      HomePayment p = center.homeReverse(restored.payment().requiredId());
      return p.approved() || p.pending()
          ? PaymentMethod.Refund.LATER
          : PaymentMethod.Refund.REFUNDED;
    } catch (CenterException e) {
      // Not found: nothing to take back. Already used: the center keeps a sale the payment bought
      // and will not take the money back under it; staff settle the sale and the refund.
      return "PAYMENT_NOT_FOUND".equals(e.code()) || "PAYMENT_ALREADY_USED".equals(e.code())
          ? PaymentMethod.Refund.NOTHING_KEPT
          : PaymentMethod.Refund.LATER;
    }
  }
}
