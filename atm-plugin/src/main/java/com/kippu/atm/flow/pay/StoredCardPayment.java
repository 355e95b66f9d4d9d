package com.kippu.atm.flow.pay;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.HomePayment;
import com.kippu.atm.center.HomeSession;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * F13 (S2 ¶46-51): a registered user at a home PC pays with the card stored at registration. The
 * user logs in with user id and password, sees the stored card masked and confirms (S2 ¶49); the
 * center, not the PC, asks the card host, under the attempt's id as reference, and answers the
 * approval the terminal shows the issuer. Non-cash only; offered on a home PC only. Taking it back
 * and settling a crashed attempt ask the center under the same reference.
 */
public final class StoredCardPayment implements PaymentMethod {
  public static final String ID = "stored-card";

  /** Who acquired the payment: the center, at the card host. */
  static final String ACQUIRER = "KIPPU-CENTER";

  private static final Logger LOG = Logger.getLogger(StoredCardPayment.class.getName());

  private final IssuerCenter center;
  private HomeSession login;

  public StoredCardPayment(IssuerCenter center) {
    this.center = center;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String proofMethod() {
    return "CREDIT_CARD";
  }

  @Override
  public boolean offeredOn(TerminalProfile terminal) {
    return terminal.kind() == TerminalProfile.Kind.HOME_PC;
  }

  @Override
  public Text label(PurchaseSession session) {
    return Text.of("payment.method.stored-card");
  }

  /** Logs the user in (user id, password) and has the stored card confirmed; nothing moves. */
  @Override
  public Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    Answer user = customer.show(input("home-user-id", "home-user-id.title"));
    if (user.kind() != Answer.Kind.CHOSEN) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    Answer password = customer.show(input("home-password", "home-password.title"));
    if (password.kind() != Answer.Kind.CHOSEN) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    try {
      login = center.homeLogin(user.key(), password.key().toCharArray());
    } catch (CenterException e) {
      LOG.info("home login refused: " + e.code());
      customer.inform(
          Screens.notice(
              "home-login-refused",
              Text.of("home-login-refused.title"),
              Text.of("home-login-refused.line")));
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    Answer confirm =
        customer.show(
            Screens.ask(
                "confirm-stored-card",
                Text.of("confirm-stored-card.title"),
                List.of(
                    Text.of(
                        "confirm-stored-card.line", login.maskedCard(), session.hold().price())),
                List.of(new Screen.Choice("confirm", Text.of("choice.confirm")), Screens.CANCEL)));
    return confirm.is("confirm")
        ? Optional.empty()
        : Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
  }

  private static Screen input(String id, String title) {
    return Screens.ask(id, Text.of(title), List.of(Text.of(title + ".line")), List.of());
  }

  @Override
  public PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) {
    String reference = session.payment().requiredId();
    HomePayment paid;
    try {
      paid = center.homePay(login, reference, session.hold().price());
    } catch (CenterException e) {
      LOG.warning("home payment " + reference + " not answered: " + e.getMessage());
      // The center may have charged the card: take it back now; recovery asks again otherwise.
      try {
        center.homeReverse(reference);
        session.payment().noMoneyMoved();
      } catch (CenterException again) {
        LOG.warning("home payment " + reference + " left to recovery: " + again.getMessage());
      }
      return PaymentOutcome.NOT_COMPLETED;
    }
    return answered(session, paid);
  }

  private PaymentOutcome answered(PurchaseSession session, HomePayment paid) {
    if (!paid.approved()) {
      session.payment().declined(paid.responseCode());
      PaymentOutcome outcome = PaymentOutcome.fromIso(paid.responseCode());
      return outcome.approved() ? PaymentOutcome.DECLINED : outcome;
    }
    session
        .payment()
        .approved(
            new PaymentPart.Approval(
                paid.rrn(),
                paid.approvalCode(),
                paid.stan(),
                paid.paidAt(),
                ACQUIRER,
                Map.of(PaymentProof.MASKED_CARD, paid.maskedCard())));
    return PaymentOutcome.APPROVED;
  }

  @Override
  public void compensate(PurchaseSession session) throws CenterException {
    if (session.payment().approval().isPresent()) {
      center.homeReverse(session.payment().requiredId());
    }
  }

  @Override
  public Resolution resolve(PurchaseSession restored) {
    try {
      HomePayment p = center.homePayment(restored.payment().requiredId());
      if (p.reversed()) {
        return Resolution.REFUNDED;
      }
      return answered(restored, p).approved() ? Resolution.APPROVED : Resolution.NO_MONEY;
    } catch (CenterException e) {
      if ("PAYMENT_NOT_FOUND".equals(e.code())) {
        return Resolution.NO_MONEY;
      }
      return Resolution.NEEDS_CARD; // asked again when recovery next runs
    }
  }

  @Override
  public Refund refund(PurchaseSession restored) {
    try {
      return center.homeReverse(restored.payment().requiredId()).approved()
          ? Refund.LATER
          : Refund.REFUNDED;
    } catch (CenterException e) {
      return "PAYMENT_NOT_FOUND".equals(e.code()) ? Refund.NOTHING_KEPT : Refund.LATER;
    }
  }

  @Override
  public void settled(PurchaseSession session) {}

  @Override
  public List<String> receiptLines(PurchaseSession session) {
    PaymentPart.Approval paid = session.payment().approval().orElseThrow();
    return List.of(
        "PAID BY REGISTERED CARD (HOME PC)",
        "CARD " + paid.details().getOrDefault(PaymentProof.MASKED_CARD, "-"),
        "APPROVAL " + paid.approvalCode() + "  RRN " + paid.reference(),
        "AUTHORISED THROUGH THE KIPPU CENTER");
  }
}
