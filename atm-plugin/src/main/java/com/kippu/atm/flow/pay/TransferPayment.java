package com.kippu.atm.flow.pay;

import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Account transfer (S1 ¶54-57): an ISO 8583 0200 moving the price from the account the IC card
 * holds to the issuer's account named by the reservation. The bank link stores a reversal before
 * the request leaves and keeps an approval's reversal data until {@link #settled}, so every outcome
 * can be taken back, also after a restart.
 */
public final class TransferPayment extends BankRailMethod {
  public static final String ID = "transfer";
  private static final Logger LOG = Logger.getLogger(TransferPayment.class.getName());

  private final PinPad pinPad;
  private final String acquirer;

  public TransferPayment(BankHost bank, PinPad pinPad, String acquirer) {
    super(bank);
    this.pinPad = pinPad;
    this.acquirer = acquirer;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String proofMethod() {
    return PaymentProof.ACCOUNT_TRANSFER;
  }

  @Override
  public boolean offeredOn(TerminalProfile terminal) {
    return true;
  }

  @Override
  public Text label(PurchaseSession session) {
    return Text.of("payment.transfer", session.card().chipRead().account().masked());
  }

  /** The PIN of the cash card of the account the IC card names, typed on the PIN pad. */
  @Override
  public Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    // The IC card holds only the account reference; its cash card number follows from it.
    CardNumber card = CardNumber.ofCashAccount(session.card().chipRead().account());
    customer.inform(PinScreens.enterPin());
    try {
      session.payment().present(new PaymentPart.Presented(card, null, pinPad.readPin(card)));
      return Optional.empty();
    } catch (PinEntryCancelledException e) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
  }

  @Override
  public PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) {
    Reservation r = session.hold().granted();
    PaymentPart.Presented presented = session.payment().takePresented().orElseThrow();
    TransferRequest request =
        new TransferRequest(
            session.payment().requiredId(),
            presented.card(),
            session.card().chipRead().account(),
            r.issuerAccount(),
            r.amount(),
            presented.pin());
    TransferResult result;
    try {
      result = bank.transfer(request);
    } catch (BankUnavailableException e) {
      // The link has queued a reversal; the money may have moved until the host confirms it.
      LOG.warning("transfer " + request.transactionId() + " not completed: " + e.getMessage());
      return PaymentOutcome.NOT_COMPLETED;
    }
    return answered(
        session,
        result.responseCode(),
        result.rrn(),
        result.approvalCode(),
        result.stan(),
        result.transmittedAt(),
        acquirer,
        Map.of());
  }

  @Override
  public List<String> receiptLines(PurchaseSession session) {
    PaymentPart.Approval paid = session.payment().approval().orElseThrow();
    return List.of(
        "PAID BY ACCOUNT TRANSFER",
        "FROM " + session.card().chipRead().account().masked(),
        "RRN " + paid.reference() + "  APPROVAL " + paid.approvalCode());
  }
}
