package com.kippu.atm.flow.pay;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.HomePayment;
import com.kippu.atm.center.HomeSession;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.home.HomeAccount;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * F13 (S2 ¶48-51): a registered user at a home PC pays by credit card, authorised through the
 * center: the card stored at registration, shown masked to confirm (S2 ¶49), or one whose number
 * and expiry the user keys in (S2 ¶51). The center, not the PC, asks the card host, under the
 * attempt's id as reference, and answers the approval the terminal shows the issuer. Offered on a
 * home PC only, to the user logged in at the start of the session ({@link HomeAccount}). Taking it
 * back and settling a crashed attempt ask the center under the same reference.
 */
public final class CenterCardPayment implements PaymentMethod {
  /** Who acquired the payment: the center, at the card host. */
  static final String ACQUIRER = "KIPPU-CENTER";

  private static final Logger LOG = Logger.getLogger(CenterCardPayment.class.getName());

  private final IssuerCenter center;
  private final HomeAccount account;
  private final boolean keyed;

  private CenterCardPayment(IssuerCenter center, HomeAccount account, boolean keyed) {
    this.center = center;
    this.account = account;
    this.keyed = keyed;
  }

  /** The card stored at registration (S2 ¶49). */
  public static CenterCardPayment stored(IssuerCenter center, HomeAccount account) {
    return new CenterCardPayment(center, account, false);
  }

  /** A card the user keys in (S2 ¶51). */
  public static CenterCardPayment keyedIn(IssuerCenter center, HomeAccount account) {
    return new CenterCardPayment(center, account, true);
  }

  @Override
  public String id() {
    return keyed ? "keyed-card" : "stored-card";
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
    return account
        .login()
        .filter(l -> !keyed)
        .map(l -> Text.of("payment.method.stored-card", l.maskedCard()))
        .orElse(Text.of("payment.method." + id()));
  }

  /** The stored card confirmed, or a card keyed in; nothing moves. */
  @Override
  public Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    Optional<HomeSession> login = account.login();
    if (login.isEmpty()) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    if (keyed) {
      return keyIn(session, customer);
    }
    Answer confirm =
        customer.show(
            Screens.ask(
                "confirm-stored-card",
                Text.of("confirm-stored-card.title"),
                List.of(
                    Text.of(
                        "confirm-stored-card.line",
                        login.get().maskedCard(),
                        session.hold().price())),
                List.of(new Screen.Choice("confirm", Text.of("choice.confirm")), Screens.CANCEL)));
    return confirm.is("confirm")
        ? Optional.empty()
        : Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
  }

  private Optional<PaymentOutcome> keyIn(PurchaseSession session, CustomerTerminal customer) {
    Answer number = customer.show(input("key-card-number", "key-card-number.title"));
    if (number.kind() != Answer.Kind.CHOSEN) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    Answer expiry = customer.show(input("key-card-expiry", "key-card-expiry.title"));
    if (expiry.kind() != Answer.Kind.CHOSEN) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    String digits = number.key().replace(" ", "");
    String yymm = expiry.key().replace("/", "");
    if (!digits.matches("\\d{13,19}") || !yymm.matches("\\d{2}(0[1-9]|1[0-2])")) {
      return Optional.of(PaymentOutcome.UNREADABLE_CARD);
    }
    session
        .payment()
        .present(
            new PaymentPart.Presented(
                new CardNumber(digits),
                new CardExpiry(
                    YearMonth.of(
                        2000 + Integer.parseInt(yymm.substring(0, 2)),
                        Integer.parseInt(yymm.substring(2)))),
                null));
    return Optional.empty();
  }

  private static Screen input(String id, String title) {
    return Screens.ask(id, Text.of(title), List.of(Text.of(title + ".line")), List.of());
  }

  @Override
  public PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) {
    String reference = session.payment().requiredId();
    Optional<PaymentPart.Presented> card =
        keyed ? session.payment().takePresented() : Optional.empty();
    HomePayment paid;
    try {
      paid =
          center.homePay(
              account.login().orElseThrow(),
              reference,
              session.hold().price(),
              card.map(c -> new String[] {c.card().value(), c.expiry().yymm()}));
    } catch (CenterException e) {
      LOG.warning("home payment " + reference + " not answered: " + e.getMessage());
      return CenterPayments.unresolved(center, session);
    }
    if (paid.pending()) {
      return CenterPayments.unresolved(center, session);
    }
    return answered(session, paid);
  }

  private static PaymentOutcome answered(PurchaseSession session, HomePayment paid) {
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
                Map.of(PaymentProof.MASKED_CARD, paid.paidFrom())));
    return PaymentOutcome.APPROVED;
  }

  @Override
  public void compensate(PurchaseSession session) throws CenterException {
    CenterPayments.compensate(center, session);
  }

  @Override
  public Resolution resolve(PurchaseSession restored) {
    return CenterPayments.resolve(center, restored, CenterCardPayment::answered);
  }

  @Override
  public Refund refund(PurchaseSession restored) {
    return CenterPayments.refund(center, restored);
  }

  @Override
  public void settled(PurchaseSession session) {}

  @Override
  public List<String> receiptLines(PurchaseSession session) {
    PaymentPart.Approval paid = session.payment().approval().orElseThrow();
    return List.of(
        keyed ? "PAID BY CREDIT CARD (HOME PC)" : "PAID BY REGISTERED CARD (HOME PC)",
        "CARD " + paid.details().getOrDefault(PaymentProof.MASKED_CARD, "-"),
        "APPROVAL " + paid.approvalCode() + "  RRN " + paid.reference(),
        "AUTHORISED THROUGH THE KIPPU CENTER");
  }
}
