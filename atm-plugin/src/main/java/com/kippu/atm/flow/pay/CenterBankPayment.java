package com.kippu.atm.flow.pay;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.HomePayment;
import com.kippu.atm.center.HomeSession;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.flow.Fact;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.flow.users.UserPins;
import com.kippu.atm.home.HomeAccount;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
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
 * F13 online banking (S2 ¶51): a registered user at a home PC pays by a transfer from their own
 * bank account, which the center, not the PC, orders at the bank: from the account the IC card in
 * the reader holds (the account registered with the card), or from one the user keys in, with the
 * user's online-banking PIN typed on the PIN pad of the PC's card reader: like every user PIN (S2
 * ¶38) it leaves the pad only as a format 0 block, formed for the paying account's cash card number
 * ({@link CardNumber#ofCashAccount}, which the center derives too) under the center's fresh PIN
 * key, so the PC never holds a digit; the center opens it and passes it to the bank, over TLS (S2
 * ¶52). The center would take a clear PIN over TLS from a client without a PIN pad; this one never
 * sends one. The money goes straight to the payee of the hold (the issuer's account), so the proof
 * is an {@code ACCOUNT_TRANSFER} acquired by the center. Like {@link CenterCardPayment}, every step
 * after the attempt is journaled (pay, take back, settle a crashed attempt) asks the center under
 * the attempt's id as reference, so nothing is charged twice.
 */
public final class CenterBankPayment implements PaymentMethod {
  public static final String ID = "online-banking";
  public static final String KEYED_ID = "online-banking-keyed";
  private static final Logger LOG = Logger.getLogger(CenterBankPayment.class.getName());

  private final IssuerCenter center;
  private final HomeAccount account;
  private final UserCenter keys;
  private final PinPad pinPad;
  private final boolean keyed;
  private final Fact<String> from;

  /**
   * The order typed for the attempt about to be sent, kept in memory for that one attempt: the
   * plugin runs one session at a time, and {@link #pay} takes and wipes it.
   */
  private Order typed;

  private record Order(String attempt, AccountNumber from, UserPin pin) {
    @Override
    public String toString() {
      return "Order[" + from.masked() + "]"; // never the PIN block
    }
  }

  private CenterBankPayment(
      IssuerCenter center, HomeAccount account, UserCenter keys, PinPad pinPad, boolean keyed) {
    this.center = center;
    this.account = account;
    this.keys = keys;
    this.pinPad = pinPad;
    this.keyed = keyed;
    this.from = Fact.text((keyed ? KEYED_ID : ID) + ".from");
  }

  /**
   * From the account the IC card in the PC's reader holds; the PIN from {@code pinPad} under a key
   * from {@code keys}.
   */
  public static CenterBankPayment fromIcCard(
      IssuerCenter center, HomeAccount account, UserCenter keys, PinPad pinPad) {
    return new CenterBankPayment(center, account, keys, pinPad, false);
  }

  /** From an account the user keys in. */
  public static CenterBankPayment keyedIn(
      IssuerCenter center, HomeAccount account, UserCenter keys, PinPad pinPad) {
    return new CenterBankPayment(center, account, keys, pinPad, true);
  }

  @Override
  public String id() {
    return keyed ? KEYED_ID : ID;
  }

  @Override
  public String proofMethod() {
    return PaymentProof.ACCOUNT_TRANSFER;
  }

  @Override
  public boolean offeredOn(TerminalProfile terminal) {
    return terminal.kind() == TerminalProfile.Kind.HOME_PC
        && terminal.has(TerminalProfile.Device.PIN_PAD);
  }

  /** From the IC card's account: only a card read in the session that names an account. */
  @Override
  public boolean usableIn(PurchaseSession session) {
    return keyed || session.card().chip().map(c -> c.account().isPresent()).orElse(false);
  }

  @Override
  public Text label(PurchaseSession session) {
    return keyed
        ? Text.of("payment.method." + KEYED_ID)
        : Text.of("payment.method." + ID, session.card().chipRead().requiredAccount().masked());
  }

  /**
   * The account (the card's, or one typed), then the online-banking PIN on the PIN pad; nothing
   * moves.
   */
  @Override
  public Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    if (account.login().isEmpty()) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    }
    AccountNumber payFrom;
    if (keyed) {
      Answer typedAccount = customer.show(input("key-bank-account"));
      if (typedAccount.kind() != Answer.Kind.CHOSEN) {
        return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
      }
      try {
        payFrom = new AccountNumber(typedAccount.key().trim());
      } catch (IllegalArgumentException e) {
        return Optional.of(PaymentOutcome.UNREADABLE_CARD);
      }
    } else {
      payFrom = session.card().chipRead().requiredAccount();
    }
    UserPin pin;
    try {
      pin =
          new UserPins(keys, pinPad, customer)
              .read(
                  CardNumber.ofCashAccount(payFrom).value(),
                  "online-banking-pin",
                  Text.of("online-banking-pin.line", payFrom.masked()));
    } catch (PinEntryCancelledException e) {
      return Optional.of(PaymentOutcome.CANCELLED_BY_CUSTOMER);
    } catch (CenterException e) {
      LOG.warning("no PIN key from the center for online banking: " + e.getMessage());
      return Optional.of(PaymentOutcome.NOT_COMPLETED);
    }
    typed = new Order(session.id().value(), payFrom, pin);
    session.payment().note(from, payFrom.masked());
    return Optional.empty();
  }

  private static Screen input(String id) {
    return Screens.ask(id, Text.of(id + ".title"), List.of(Text.of(id + ".title.line")), List.of());
  }

  @Override
  public PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) {
    String reference = session.payment().requiredId();
    Order order = typed;
    typed = null;
    if (order == null || !order.attempt().equals(session.id().value())) {
      throw new IllegalStateException("no online-banking order typed for " + reference);
    }
    HomeSession login = account.login().orElseThrow();
    HomePayment paid;
    try {
      paid =
          center.homePayByBank(
              login,
              reference,
              session.hold().price(),
              order.from(),
              session.hold().payee(),
              order.pin());
    } catch (CenterException e) {
      LOG.warning("online banking " + reference + " not answered: " + e.getMessage());
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
                CenterCardPayment.ACQUIRER,
                Map.of()));
    return PaymentOutcome.APPROVED;
  }

  @Override
  public void compensate(PurchaseSession session) throws CenterException {
    CenterPayments.compensate(center, session);
  }

  @Override
  public Resolution resolve(PurchaseSession restored) {
    return CenterPayments.resolve(center, restored, CenterBankPayment::answered);
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
        "PAID BY ONLINE BANKING (HOME PC)",
        "FROM " + session.payment().noted(from).orElse("-"),
        "APPROVAL " + paid.approvalCode() + "  RRN " + paid.reference(),
        "AUTHORISED THROUGH THE KIPPU CENTER");
  }
}
