package com.kippu.atm.flow.pay;

import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.Purse;
import com.kippu.atm.payment.Purse.Movement;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * E-money held on the IC card (S1 ¶112): the price is subtracted from the card's purse through the
 * JavaPOS ElectronicValueRW, and the purse's own record of it — card, value-log sequence, balance
 * after, transaction id — is the proof the issuer checks. The card decides every doubt: after a
 * power loss its last recorded movement says whether the value left it (no double charge, no free
 * ticket); a refund puts the value back on the card under a transaction id of its own, so it is
 * never made twice. Only the session's own card decides: a movement recorded by another card's
 * purse (its purse id is that card's id) is never taken for this session's payment or refund.
 */
public final class EMoneyPayment implements PaymentMethod {
  public static final String ID = "emoney";
  private static final Logger LOG = Logger.getLogger(EMoneyPayment.class.getName());

  private final Purse purse;
  private final Clock clock;
  private final ActivationCheck activation;

  public EMoneyPayment(Purse purse, Clock clock) {
    this(purse, clock, ActivationCheck.NONE);
  }

  /**
   * A purse whose card is first checked with its issuer: a pre-valued card never activated pays
   * nothing (S2 ¶42-43).
   */
  public EMoneyPayment(Purse purse, Clock clock, ActivationCheck activation) {
    this.purse = purse;
    this.clock = clock;
    this.activation = activation;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String proofMethod() {
    return PaymentProof.EMONEY;
  }

  @Override
  public boolean offeredOn(TerminalProfile terminal) {
    return terminal.has(TerminalProfile.Device.EMONEY_READER);
  }

  /** The purse is on the session's card: only a card read in the session pays. */
  @Override
  public boolean usableIn(PurchaseSession session) {
    return session.card().chip().isPresent();
  }

  @Override
  public Text label(PurchaseSession session) {
    try {
      return Text.of("payment.emoney", Money.yen(purse.balanceYen()));
    } catch (Purse.PurseException e) {
      return Text.of("payment.emoney-unread");
    }
  }

  /**
   * A card never activated by its issuer, or one the revocation list names or cannot clear, is
   * refused before its purse is touched.
   */
  @Override
  public Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    return switch (activation.of(session.card().requiredCardId())) {
      case USABLE -> Optional.empty();
      case NOT_ACTIVATED -> {
        LOG.warning(
            "session "
                + session.id()
                + ": card "
                + session.card().requiredCardId()
                + " is a prepaid card never activated; its value is refused");
        yield Optional.of(PaymentOutcome.CARD_NOT_ACTIVATED);
      }
      case REVOKED -> {
        LOG.warning(
            "session "
                + session.id()
                + ": card "
                + session.card().requiredCardId()
                + " is on the revocation list; its value is refused");
        yield Optional.of(PaymentOutcome.DECLINED);
      }
      case UNKNOWN -> Optional.of(PaymentOutcome.NOT_COMPLETED);
    };
  }

  @Override
  public PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) {
    String payment = session.payment().requiredId();
    Money amount = session.hold().price();
    try {
      approved(session, purse.subtract(amount, purseId(payment)));
      return PaymentOutcome.APPROVED;
    } catch (Purse.InsufficientValueException e) {
      session.payment().declined("insufficient-value");
      return PaymentOutcome.INSUFFICIENT_VALUE;
    } catch (Purse.PurseException e) {
      LOG.warning("e-money payment " + payment + " not completed: " + e.getMessage());
    }
    // The card decides whether the value left it before the failure.
    try {
      Optional<Movement> last = purse.lastMovement();
      if (last.isPresent() && !onSessionCard(last.get(), session)) {
        // Another card answers: only the session's card can tell; "may have moved" stays.
        return PaymentOutcome.NOT_COMPLETED;
      }
      if (last.isPresent() && isPayment(last.get(), session, payment)) {
        approved(session, last.get());
        return PaymentOutcome.APPROVED;
      }
      session.payment().declined("purse-failed");
      return PaymentOutcome.NOT_COMPLETED;
    } catch (Purse.PurseException e) {
      // Unknown: the journal keeps "may have moved" and the card is asked again later.
      return PaymentOutcome.NOT_COMPLETED;
    }
  }

  private void approved(PurchaseSession session, Movement m) {
    session
        .payment()
        .approved(
            new PaymentPart.Approval(
                m.transactionId(),
                "",
                "",
                clock.instant(),
                "EMONEY",
                Map.of(
                    PaymentProof.PURSE_ID, m.purseId(),
                    PaymentProof.PURSE_SEQUENCE, Integer.toString(m.sequence()),
                    PaymentProof.PURSE_BALANCE_AFTER, Long.toString(m.balanceYen()),
                    PaymentProof.PURSE_TRANSACTION_ID, m.transactionId())));
  }

  @Override
  public void compensate(PurchaseSession session) throws Purse.PurseException {
    if (!session.payment().mayHaveMoved() || session.ticket().bought()) {
      return;
    }
    switch (takeBack(session)) {
      case REFUNDED -> session.payment().noMoneyMoved();
      default ->
          throw new Purse.PurseException(
              "value of payment " + session.payment().requiredId() + " not yet back on the card",
              true,
              null);
    }
  }

  /**
   * Asks the session's own card: a purse whose last movement is another card's cannot tell, so the
   * session waits for its card ({@link Resolution#NEEDS_CARD}) instead of concluding that no value
   * left it.
   */
  @Override
  public Resolution resolve(PurchaseSession restored) {
    String payment = restored.payment().requiredId();
    try {
      Optional<Movement> last = purse.lastMovement();
      if (last.isPresent() && !onSessionCard(last.get(), restored)) {
        LOG.info(
            () ->
                "e-money payment "
                    + payment
                    + ": the purse in the reader is card "
                    + last.get().purseId()
                    + "'s, not the session's");
        return Resolution.NEEDS_CARD;
      }
      if (last.isPresent() && isPayment(last.get(), restored, payment)) {
        approved(restored, last.get());
        return Resolution.APPROVED;
      }
      if (last.isPresent() && isRefund(last.get(), restored, payment)) {
        return Resolution.REFUNDED;
      }
      return Resolution.NO_MONEY;
    } catch (Purse.PurseException e) {
      return Resolution.NEEDS_CARD;
    }
  }

  @Override
  public Refund refund(PurchaseSession restored) {
    return takeBack(restored);
  }

  /**
   * Puts the payment's value back on the session's card once, deciding by the card's last movement:
   * this payment's subtraction is added back under the refund's own id; the refund itself means
   * done; anything else means the value never left (no approval journaled) or the card has moved on
   * since, when only staff can tell what to give back. A purse whose last movement is another
   * card's is not the session's: nothing is added to it, and the refund waits for the card.
   */
  private Refund takeBack(PurchaseSession session) {
    String payment = session.payment().requiredId();
    try {
      Optional<Movement> last = purse.lastMovement();
      if (last.isPresent() && !onSessionCard(last.get(), session)) {
        return Refund.LATER;
      }
      if (last.isPresent() && isRefund(last.get(), session, payment)) {
        return Refund.REFUNDED;
      }
      if (last.isPresent() && isPayment(last.get(), session, payment)) {
        purse.add(Money.yen(last.get().amountYen()), purseId(payment + "-R"));
        return Refund.REFUNDED;
      }
      return session.payment().approval().isEmpty() ? Refund.REFUNDED : Refund.NOTHING_KEPT;
    } catch (Purse.PurseException e) {
      return Refund.LATER;
    }
  }

  /** This payment's subtraction, recorded by the purse of the card the session is for. */
  private static boolean isPayment(Movement m, PurchaseSession session, String payment) {
    return m.subtract() && onSessionCard(m, session) && m.transactionId().equals(purseId(payment));
  }

  /** This payment's refund, recorded by the purse of the card the session is for. */
  private static boolean isRefund(Movement m, PurchaseSession session, String payment) {
    return !m.subtract()
        && onSessionCard(m, session)
        && m.transactionId().equals(purseId(payment + "-R"));
  }

  /** Whether {@code m} was recorded by the purse on the card the session is for. */
  private static boolean onSessionCard(Movement m, PurchaseSession session) {
    return session.card().cardId().map(id -> id.value().equals(m.purseId())).orElse(false);
  }

  /**
   * The purse keeps transaction ids of at most 32 characters: the payment id, hashed (SHA-256,
   * first 24 hex digits), the same at every retry and in recovery.
   */
  static String purseId(String payment) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(payment.getBytes(StandardCharsets.UTF_8));
      return "KP" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  @Override
  public void settled(PurchaseSession session) {}

  @Override
  public List<String> receiptLines(PurchaseSession session) {
    PaymentPart.Approval paid = session.payment().approval().orElseThrow();
    return List.of(
        "PAID BY E-MONEY ON IC CARD",
        "PURSE " + paid.details().get("purseId") + "  SEQ " + paid.details().get("purseSequence"),
        "BALANCE AFTER JPY " + paid.details().get("purseBalanceAfterYen"));
  }
}
