package com.kippu.atm.flow.pay;

import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;

/**
 * The money side shared by the ISO 8583 rails (transfer, debit, credit, prepaid): the bank link
 * stores a reversal before a request leaves and keeps an approval's reversal data, across restarts,
 * until the payment is {@link #settled}; so every outcome can be taken back from the payment id
 * alone.
 */
final class KeptApprovals {
  private final BankHost bank;

  KeptApprovals(BankHost bank) {
    this.bank = bank;
  }

  /** Takes back the session's approved payment if no ticket was issued for it. */
  void compensate(PurchaseSession session) throws BankUnavailableException {
    if (session.payment().approval().isEmpty() || session.ticket().bought()) {
      return;
    }
    if (!bank.reverseApproved(session.payment().requiredId())) {
      throw new IllegalStateException(
          "the bank link kept nothing to reverse payment " + session.payment().requiredId());
    }
    session.payment().noMoneyMoved();
  }

  /**
   * An approval the link committed before the journal learned of it is reversed from what the link
   * kept: the journal has no reference to issue with. Otherwise the reversal the link stored before
   * the request left turns pending at restart and is delivered until confirmed.
   */
  PaymentMethod.Resolution resolve(PurchaseSession restored) {
    return switch (refund(restored)) {
      case REFUNDED -> PaymentMethod.Resolution.REFUNDED;
      case QUEUED, NOTHING_KEPT, LATER -> PaymentMethod.Resolution.REVERSAL_PENDING;
    };
  }

  /**
   * Reverses from what the link kept. When it kept nothing of a payment the flow was already taking
   * back, the link took the reversal over before the crash (kept approval turned pending reversal,
   * delivered until confirmed): queued, not lost.
   */
  PaymentMethod.Refund refund(PurchaseSession restored) {
    try {
      if (bank.reverseApproved(restored.payment().requiredId())) {
        return PaymentMethod.Refund.REFUNDED;
      }
      return restored.payment().takingBack()
          ? PaymentMethod.Refund.QUEUED
          : PaymentMethod.Refund.NOTHING_KEPT;
    } catch (BankUnavailableException e) {
      return PaymentMethod.Refund.QUEUED;
    }
  }

  void settled(PurchaseSession session) {
    session.payment().id().ifPresent(bank::settled);
  }
}
