package com.kippu.atm.flow.pay;

import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.AuthorizationResult;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardReader;
import com.kippu.atm.payment.CardReader.SwipedCard;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A card swiped on the magnetic reader and authorized with an ISO 8583 0100: a debit card with its
 * PIN at the card's bank, paying the issuer's account (S2 ¶33-34), or a credit (S1 ¶113, S2 ¶27-29)
 * or prepaid card (S2 ¶30-32) at the card company over the card network's route. Taken back through
 * {@link KeptApprovals}, like a transfer.
 */
public final class CardPayment extends BankRailMethod {
  private static final Logger LOG = Logger.getLogger(CardPayment.class.getName());

  private final AuthorizationRequest.Kind kind;
  private final CardReader reader;
  private final Optional<PinPad> pinPad;
  private final String acquirer;
  private final Duration swipeTimeout;

  private CardPayment(
      AuthorizationRequest.Kind kind,
      BankHost bank,
      CardReader reader,
      Optional<PinPad> pinPad,
      String acquirer,
      Duration swipeTimeout) {
    super(bank);
    this.kind = kind;
    this.reader = reader;
    this.pinPad = pinPad;
    this.acquirer = acquirer;
    this.swipeTimeout = swipeTimeout;
  }

  public static CardPayment debit(
      BankHost bank, CardReader reader, PinPad pinPad, String acquirer, Duration swipeTimeout) {
    return new CardPayment(
        AuthorizationRequest.Kind.DEBIT, bank, reader, Optional.of(pinPad), acquirer, swipeTimeout);
  }

  /** A credit or prepaid card; {@code network} names the card network that acquires it. */
  public static CardPayment withoutPin(
      AuthorizationRequest.Kind kind,
      BankHost bank,
      CardReader reader,
      String network,
      Duration swipeTimeout) {
    if (kind == AuthorizationRequest.Kind.DEBIT) {
      throw new IllegalArgumentException("a debit needs the PIN pad");
    }
    return new CardPayment(kind, bank, reader, Optional.empty(), network, swipeTimeout);
  }

  @Override
  public String id() {
    return switch (kind) {
      case DEBIT -> "debit";
      case CREDIT -> "credit";
      case PREPAID -> "prepaid";
    };
  }

  @Override
  public String proofMethod() {
    return kind.name() + "_CARD";
  }

  @Override
  public boolean offeredOn(TerminalProfile terminal) {
    return terminal.has(TerminalProfile.Device.CARD_READER)
        && (kind != AuthorizationRequest.Kind.DEBIT
            || terminal.has(TerminalProfile.Device.PIN_PAD));
  }

  @Override
  public Text label(PurchaseSession session) {
    return Text.of("payment." + id());
  }

  /** The card swiped on the reader and, for a debit, its PIN typed on the PIN pad. */
  @Override
  public Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    Optional<SwipedCard> card;
    customer.inform(PinScreens.notice("swipe-card"));
    try {
      card = reader.awaitSwipe(swipeTimeout);
    } catch (CardReader.UnreadableCardException e) {
      LOG.info(() -> "session " + session.id() + ": " + e.getMessage());
      return Optional.of(PaymentOutcome.UNREADABLE_CARD);
    }
    if (card.isEmpty()) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    PinBlock pin = null;
    if (pinPad.isPresent()) {
      customer.inform(PinScreens.enterPin());
      try {
        pin = pinPad.get().readPin(card.get().number());
      } catch (PinEntryCancelledException e) {
        return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
      }
    }
    session
        .payment()
        .present(new PaymentPart.Presented(card.get().number(), card.get().expiry(), pin));
    return Optional.empty();
  }

  @Override
  public PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) {
    PaymentPart.Presented card = session.payment().takePresented().orElseThrow();
    AuthorizationRequest request =
        new AuthorizationRequest(
            session.payment().requiredId(),
            kind,
            card.card(),
            card.expiry(),
            card.pin(),
            session.hold().price(),
            kind == AuthorizationRequest.Kind.DEBIT ? session.hold().payee() : null);
    AuthorizationResult result;
    try {
      result = bank.authorize(request);
    } catch (BankUnavailableException e) {
      // The link has queued a reversal; the money may have moved until the host confirms it.
      LOG.warning("authorization " + request + " not completed: " + e.getMessage());
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
        Map.of(PaymentProof.MASKED_CARD, card.card().masked()));
  }

  @Override
  public List<String> receiptLines(PurchaseSession session) {
    PaymentPart.Approval paid = session.payment().approval().orElseThrow();
    return List.of(
        "PAID BY " + kind.name() + " CARD",
        "CARD " + paid.details().getOrDefault(PaymentProof.MASKED_CARD, "-"),
        "RRN " + paid.reference() + "  APPROVAL " + paid.approvalCode());
  }
}
