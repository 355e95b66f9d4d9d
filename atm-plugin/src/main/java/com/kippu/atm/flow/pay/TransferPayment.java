package com.kippu.atm.flow.pay;

import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.Fact;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.CardReader;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Account transfer (S1 ¶54-57): an ISO 8583 0200 moving the price from the customer's account to
 * the issuer's account named by the reservation, proved by the PIN of the cash card of that
 * account. The account is the one the IC card holds, or that of another bank's cash card swiped on
 * the magnetic reader (S1 ¶56); each is its own choice on screen. The bank link stores a reversal
 * before the request leaves and keeps an approval's reversal data until {@link #settled}, so every
 * outcome can be taken back, also after a restart.
 */
public final class TransferPayment extends BankRailMethod {
  public static final String ID = "transfer";
  public static final String WITH_CASH_CARD = "transfer-card";
  private static final Logger LOG = Logger.getLogger(TransferPayment.class.getName());

  private final String id;
  private final PinPad pinPad;
  private final Optional<CardReader> reader;
  private final String acquirer;
  private final Duration swipeTimeout;
  private final Fact<String> from;

  private TransferPayment(
      String id,
      BankHost bank,
      PinPad pinPad,
      Optional<CardReader> reader,
      String acquirer,
      Duration swipeTimeout) {
    super(bank);
    this.id = id;
    this.pinPad = pinPad;
    this.reader = reader;
    this.acquirer = acquirer;
    this.swipeTimeout = swipeTimeout;
    this.from = Fact.text(id + ".from");
  }

  /** From the account the customer's IC card holds. */
  public static TransferPayment fromIcCard(BankHost bank, PinPad pinPad, String acquirer) {
    return new TransferPayment(ID, bank, pinPad, Optional.empty(), acquirer, Duration.ZERO);
  }

  /** From the account of a cash card, of this bank or another, swiped on the magnetic reader. */
  public static TransferPayment withCashCard(
      BankHost bank, PinPad pinPad, CardReader reader, String acquirer, Duration swipeTimeout) {
    return new TransferPayment(
        WITH_CASH_CARD, bank, pinPad, Optional.of(reader), acquirer, swipeTimeout);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String proofMethod() {
    return PaymentProof.ACCOUNT_TRANSFER;
  }

  @Override
  public boolean offeredOn(TerminalProfile terminal) {
    return reader.isEmpty() || terminal.has(TerminalProfile.Device.CARD_READER);
  }

  /** From the IC card's account: only a card read in the session that names an account. */
  @Override
  public boolean usableIn(PurchaseSession session) {
    return reader.isPresent()
        || session.card().chip().map(c -> c.account().isPresent()).orElse(false);
  }

  @Override
  public Text label(PurchaseSession session) {
    return reader.isEmpty()
        ? Text.of("payment.transfer", session.card().chipRead().requiredAccount().masked())
        : Text.of("payment.transfer-card");
  }

  /**
   * The cash card, then its PIN typed on the PIN pad. The IC card holds only the account reference,
   * its cash card number follows from it; a swiped card must be a cash card, whose number names its
   * account.
   */
  @Override
  public Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    CardNumber card;
    if (reader.isEmpty()) {
      card = CardNumber.ofCashAccount(session.card().chipRead().requiredAccount());
    } else {
      Optional<CardNumber> swiped;
      customer.inform(PinScreens.notice("swipe-cash-card"));
      try {
        swiped = reader.get().awaitSwipe(swipeTimeout).map(CardReader.SwipedCard::number);
      } catch (CardReader.UnreadableCardException e) {
        LOG.info(() -> "session " + session.id() + ": " + e.getMessage());
        return Optional.of(PaymentOutcome.UNREADABLE_CARD);
      }
      if (swiped.isEmpty()) {
        return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
      }
      if (swiped.get().cashAccount().isEmpty()) {
        return Optional.of(PaymentOutcome.NOT_A_CASH_CARD);
      }
      card = swiped.get();
    }
    customer.inform(PinScreens.enterPin());
    try {
      session.payment().present(new PaymentPart.Presented(card, null, pinPad.readPin(card)));
    } catch (PinEntryCancelledException e) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    session.payment().note(from, account(card).masked());
    return Optional.empty();
  }

  @Override
  public PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) {
    PaymentPart.Presented presented = session.payment().takePresented().orElseThrow();
    TransferRequest request =
        new TransferRequest(
            session.payment().requiredId(),
            presented.card(),
            account(presented.card()),
            session.hold().payee(),
            session.hold().price(),
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

  private static AccountNumber account(CardNumber cashCard) {
    return cashCard.cashAccount().orElseThrow(() -> new IllegalStateException("not a cash card"));
  }

  @Override
  public List<String> receiptLines(PurchaseSession session) {
    PaymentPart.Approval paid = session.payment().approval().orElseThrow();
    return List.of(
        "PAID BY ACCOUNT TRANSFER",
        "FROM " + session.payment().noted(from).orElse("-"),
        "RRN " + paid.reference() + "  APPROVAL " + paid.approvalCode());
  }
}
