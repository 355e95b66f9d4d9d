package com.kippu.atm.flow.pay;

import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import java.time.Instant;
import java.util.Map;

/**
 * A payment method over an ISO 8583 link (transfer, debit, credit, prepaid): the answer's field 39
 * decides the outcome, and everything after the answer — taking it back, settling it after a crash,
 * forgetting it once its ticket stands — is the link's kept approval ({@link KeptApprovals}).
 */
abstract class BankRailMethod implements PaymentMethod {
  protected final BankHost bank;
  private final KeptApprovals kept;

  BankRailMethod(BankHost bank) {
    this.bank = bank;
    this.kept = new KeptApprovals(bank);
  }

  /** Records the link's answer in the session and maps its field 39. */
  protected static PaymentOutcome answered(
      PurchaseSession session,
      String responseCode,
      String rrn,
      String approvalCode,
      String stan,
      Instant transmittedAt,
      String acquirer,
      Map<String, String> details) {
    PaymentOutcome outcome = PaymentOutcome.fromIso(responseCode);
    if (!outcome.approved()) {
      session.payment().declined(responseCode);
      return outcome;
    }
    session
        .payment()
        .approved(
            new PaymentPart.Approval(rrn, approvalCode, stan, transmittedAt, acquirer, details));
    return outcome;
  }

  @Override
  public final void compensate(PurchaseSession session) throws BankUnavailableException {
    kept.compensate(session);
  }

  @Override
  public final Resolution resolve(PurchaseSession restored) {
    return kept.resolve(restored);
  }

  @Override
  public final Refund refund(PurchaseSession restored) {
    return kept.refund(restored);
  }

  @Override
  public final void settled(PurchaseSession session) {
    kept.settled(session);
  }
}
