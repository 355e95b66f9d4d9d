package com.kippu.atm.flow.pay;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.HomePayment;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.parts.PurchaseSession;
import java.util.function.BiFunction;

/**
 * What the home PC's payments authorised through the center (by card, by online banking) do alike
 * once the center holds the payment under the session's reference: the center's record decides what
 * a restored session paid, and the center takes an approval back at the host that gave it.
 */
final class CenterPayments {
  private CenterPayments() {}

  /** The live session ended without a sale: an approval is taken back. */
  static void compensate(IssuerCenter center, PurchaseSession session) throws CenterException {
    if (session.payment().approval().isPresent()) {
      center.homeReverse(session.payment().requiredId());
    }
  }

  /**
   * What a restored session paid, from the center's record; asked again at the next recovery when
   * the center cannot answer.
   */
  static PaymentMethod.Resolution resolve(
      IssuerCenter center,
      PurchaseSession restored,
      BiFunction<PurchaseSession, HomePayment, PaymentOutcome> answered) {
    try {
      HomePayment p = center.homePayment(restored.payment().requiredId());
      if (p.reversed()) {
        return PaymentMethod.Resolution.REFUNDED;
      }
      return answered.apply(restored, p).approved()
          ? PaymentMethod.Resolution.APPROVED
          : PaymentMethod.Resolution.NO_MONEY;
    } catch (CenterException e) {
      if ("PAYMENT_NOT_FOUND".equals(e.code())) {
        return unrecorded(center, restored.payment().requiredId());
      }
      return PaymentMethod.Resolution.NEEDS_CARD;
    }
  }

  /**
   * No payment recorded under {@code reference}: the center may have stopped between the host's
   * approval and its record, so it is asked to take back whatever a host kept under the reference
   * before the session counts as having moved no money; asked again at the next recovery when it
   * cannot.
   */
  private static PaymentMethod.Resolution unrecorded(IssuerCenter center, String reference) {
    try {
      return center.homeReverse(reference).approved()
          ? PaymentMethod.Resolution.NEEDS_CARD
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
      return center.homeReverse(restored.payment().requiredId()).approved()
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
