package com.kippu.atm.flow.pay;

import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.Fact;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CashDepositRequest;
import com.kippu.atm.payment.CashDesk;
import com.kippu.atm.payment.CashDesk.CashDeskException;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Cash with change (S1 ¶57, S2 ¶23): the customer's cash waits in the unit's escrow while the price
 * is credited to the issuer's account (0200 cash deposit), is kept only once the bank approved, and
 * the change is paid out after; a decline or a cancel repays exactly the pieces inserted, and the
 * credit always follows the cash.
 *
 * <p>Recovery rule: the approval is journaled before the cash is kept, and the unit repays by
 * itself an escrow it finds at start. So an attempt whose approval the journal never heard of kept
 * no cash: its credit is reversed, never credited and repaid both. An approval in the journal is
 * confirmed by the unit's stock ({@link #confirm}): grown since the deposit was fixed, the cash was
 * kept and the ticket is issued; not grown, the escrow went back and the credit is reversed.
 */
public final class CashPayment implements PaymentMethod {
  public static final String ID = "cash";
  private static final Logger LOG = Logger.getLogger(CashPayment.class.getName());

  private final BankHost bank;
  private final CashDesk desk;
  private final CashIntake intake;
  private final KeptApprovals kept;
  private final String acquirer;

  /** The customer of the session under way (one at a time), who sees a refund in compensation. */
  private CustomerTerminal customer = NOBODY;

  /** Before any session: screens go nowhere. */
  private static final CustomerTerminal NOBODY =
      new CustomerTerminal() {
        @Override
        public Answer show(Screen screen) {
          return Answer.cancel();
        }

        @Override
        public void inform(Screen screen) {}
      };

  /**
   * @param answerTimeout how long a cash screen waits for the customer before the cash goes back
   */
  public CashPayment(BankHost bank, CashDesk desk, String acquirer, Duration answerTimeout) {
    this.bank = bank;
    this.desk = desk;
    this.intake = new CashIntake(desk, answerTimeout);
    this.kept = new KeptApprovals(bank);
    this.acquirer = acquirer;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String proofMethod() {
    return PaymentProof.CASH;
  }

  /** Only where a cash-in unit is and the kind allows cash (S1 ¶117, S2 ¶46). */
  @Override
  public boolean offeredOn(TerminalProfile terminal) {
    return terminal.takesCash();
  }

  @Override
  public Text label(PurchaseSession session) {
    return Text.of("payment.cash");
  }

  /** The customer's cash, fixed in escrow and covering the price with change the unit can make. */
  @Override
  public Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    this.customer = customer;
    return intake.take(session, customer);
  }

  @Override
  public PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) {
    this.customer = customer;
    PaymentPart payment = session.payment();
    Money change = Money.yen(payment.noted(CashNotes.CHANGE).orElseThrow());
    CashDepositRequest request =
        new CashDepositRequest(
            payment.requiredId(), session.hold().payee(), session.hold().price());
    TransferResult result;
    try {
      result = bank.depositCash(request);
    } catch (BankUnavailableException e) {
      // The link has queued the credit's reversal, so the cash is the customer's again.
      LOG.warning("cash deposit " + request + " not completed: " + e.getMessage());
      return intake.giveBack(session, customer, PaymentOutcome.NOT_COMPLETED);
    }
    PaymentOutcome outcome = PaymentOutcome.fromIso(result.responseCode());
    if (!outcome.approved()) {
      payment.declined(result.responseCode());
      return intake.giveBack(session, customer, outcome);
    }
    payment.approved(
        new PaymentPart.Approval(
            result.rrn(),
            result.approvalCode(),
            result.stan(),
            result.transmittedAt(),
            acquirer,
            Map.of()));
    // Journaled before the cash is kept: after a crash, recovery asks the unit's stock (confirm).
    session.checkpoint("approved");
    try {
      desk.keep(change);
    } catch (CashDeskException e) {
      return notKept(session, customer, e);
    }
    payment.note(CashNotes.KEPT, true);
    if (change.yen() > 0) {
      // Journaled before a piece of change is counted out: recovery knows where it stopped.
      session.checkpoint("kept");
      customer.inform(CashScreens.takeChange(change));
      payChange(session, change);
    }
    return outcome;
  }

  private void payChange(PurchaseSession session, Money change) {
    if (payOut(
        session, change, CashNotes.CHANGE_OWED, "change", CashScreens.changeNotPaid(change))) {
      session.payment().note(CashNotes.CHANGE_PAID, true);
    }
  }

  /**
   * The approved credit's cash could not be kept: the credit is taken back, the cash stays the
   * customer's.
   */
  private PaymentOutcome notKept(
      PurchaseSession session, CustomerTerminal customer, CashDeskException e) {
    PaymentPart payment = session.payment();
    LOG.warning("cash of payment " + payment.requiredId() + " not kept: " + e.getMessage());
    try {
      if (bank.reverseApproved(payment.requiredId())) {
        payment.declined("cash-not-kept");
      } else {
        CashNotes.staff(
            session,
            CashNotes.RETAINED,
            Money.yen(0),
            "the issuer was credited, the cash was not kept, and the link kept nothing to reverse"
                + " the credit: reverse it by hand");
      }
    } catch (BankUnavailableException queued) {
      // Repeated by the link until the host confirms; the payment stays open until then.
      LOG.warning("reversal of cash payment " + payment.requiredId() + " queued");
    }
    return CashIntake.fault(session, customer, e);
  }

  /** Pays {@code amount} out; one that does not reach the customer is owed by staff. */
  private boolean payOut(
      PurchaseSession session, Money amount, Fact<Long> owed, String what, Screen notPaid) {
    try {
      desk.pay(amount);
      return true;
    } catch (CashDeskException e) {
      CashNotes.mishap(session, e);
      CashNotes.staff(session, owed, amount, what + ": " + CashNotes.where(e));
      customer.inform(notPaid);
      return false;
    }
  }

  /**
   * Takes back an approved credit whose ticket never came and pays the price back from the unit to
   * the customer, who is still at the terminal (the change was theirs already); one the unit cannot
   * pay out is reported for staff. A reversal the host has not confirmed yet is repeated by the
   * link until it is, and the payment stays open (its hold kept) meanwhile.
   */
  @Override
  public void compensate(PurchaseSession session) {
    PaymentPart payment = session.payment();
    if (payment.approval().isEmpty() || session.ticket().bought()) {
      return;
    }
    boolean confirmed;
    try {
      if (!bank.reverseApproved(payment.requiredId())) {
        // Paying the cash back too would pay twice: recovery settles it from the journal.
        throw new IllegalStateException(
            "the bank link kept nothing to reverse cash payment " + payment.requiredId());
      }
      confirmed = true;
    } catch (BankUnavailableException e) {
      LOG.warning("reversal of cash payment " + payment.requiredId() + " queued: " + e);
      confirmed = false;
    }
    if (payment.noted(CashNotes.REPAID).isEmpty()) {
      Money price = session.hold().price();
      customer.inform(CashScreens.refund(price));
      boolean paid =
          payOut(
              session,
              price,
              CashNotes.RETAINED,
              "refund of the price",
              CashScreens.retained(price));
      // Noted either way, so it is never paid twice; what did not come out is owed by staff.
      payment.note(CashNotes.REPAID, paid ? price.yen() : 0L);
    }
    if (confirmed) {
      payment.noMoneyMoved();
    }
  }

  /**
   * The journal knows no approval of this attempt. The unit repays an escrow it finds at start by
   * itself, so the credit is reversed whatever the link kept; if the unit's stock grew since the
   * deposit was fixed, the unit kept the cash before the crash, and that amount is reported for
   * staff to hand back.
   */
  @Override
  public Resolution resolve(PurchaseSession restored) {
    PaymentPart payment = restored.payment();
    long inserted = payment.noted(CashNotes.INSERTED).orElse(0L);
    try {
      long now = desk.stock().yen();
      long grown = now - payment.noted(CashNotes.STOCK_BEFORE).orElse(now);
      if (grown != 0) {
        CashNotes.staff(
            restored,
            CashNotes.RETAINED,
            Money.yen(Math.abs(grown)),
            "the unit's stock changed by "
                + grown
                + " yen during the payment (inserted "
                + Money.yen(inserted)
                + ", change "
                + Money.yen(payment.noted(CashNotes.CHANGE).orElse(0L))
                + ") before the crash; its credit is reversed: hand back what the customer paid"
                + " (count the retract bin for change not taken)");
      }
    } catch (CashDeskException e) {
      CashNotes.staff(
          restored,
          CashNotes.RETAINED,
          Money.yen(inserted),
          "the cash unit could not be read at recovery ("
              + e.getMessage()
              + "): count it; the payment had "
              + Money.yen(inserted)
              + " in escrow and its credit is reversed");
    }
    // The link stores a reversal before a request leaves: nothing kept means nothing credited.
    return switch (kept.refund(restored)) {
      case REFUNDED -> Resolution.REFUNDED;
      case QUEUED, LATER -> Resolution.REVERSAL_PENDING;
      case NOTHING_KEPT -> Resolution.NO_MONEY;
    };
  }

  /**
   * The journal holds the credit's approval, which comes before the cash is kept, so the unit's
   * stock decides, and what the crash cut short is finished: grown since the deposit was fixed, the
   * cash was kept and the payment stands; not grown, the unit repaid the escrow it found at start,
   * and the credit is taken back. Change whose payout had not ended is paid now ({@link
   * #finishChange}).
   */
  @Override
  public Resolution confirm(PurchaseSession restored) {
    this.customer = NOBODY;
    PaymentPart payment = restored.payment();
    long grown;
    try {
      long now = desk.stock().yen();
      grown = now - payment.noted(CashNotes.STOCK_BEFORE).orElse(now);
    } catch (CashDeskException e) {
      if (payment.noted(CashNotes.KEPT).isEmpty() || changeOpen(payment)) {
        CashNotes.staff(
            restored,
            CashNotes.RETAINED,
            Money.yen(0),
            "the cash unit could not be read at recovery ("
                + e.getMessage()
                + "): count it; the payment's credit was approved and its ticket is issued, so a"
                + " deposit or change the unit gave back or kept must be settled by hand");
        payment.note(CashNotes.KEPT, true);
        payment.note(CashNotes.CHANGE_PAID, true);
      }
      return Resolution.APPROVED;
    }
    if (payment.noted(CashNotes.KEPT).isEmpty()) {
      if (grown <= 0) {
        return switch (kept.refund(restored)) {
          case REFUNDED -> Resolution.REFUNDED;
          case QUEUED, LATER -> Resolution.REVERSAL_PENDING;
          case NOTHING_KEPT -> Resolution.NO_MONEY;
        };
      }
      payment.note(CashNotes.KEPT, true);
    }
    if (changeOpen(payment)) {
      finishChange(restored, grown);
    }
    return Resolution.APPROVED;
  }

  /** Change was due, and neither paid nor left to staff when the journal last heard of it. */
  private static boolean changeOpen(PaymentPart payment) {
    return payment.noted(CashNotes.CHANGE).orElse(0L) > 0
        && payment.noted(CashNotes.CHANGE_PAID).isEmpty()
        && payment.noted(CashNotes.CHANGE_OWED).isEmpty();
  }

  /**
   * Pays the change a crash cut short. The unit presents change only once every piece is counted
   * out and bins pieces it finds counted out at start; so a stock still above the price means no
   * change reached the customer, and it is paid in full (pieces binned at start are the unit's own,
   * found at the cash closing). A stock down to the price means every piece was counted out: taken,
   * or binned at start, only a count of the retract bin can tell, so staff settle it.
   */
  private void finishChange(PurchaseSession restored, long grown) {
    Money change = Money.yen(restored.payment().noted(CashNotes.CHANGE).orElseThrow());
    long price = restored.hold().price().yen();
    if (grown > price) {
      LOG.warning(
          "session "
              + restored.id()
              + ": the change of its cash payment was cut short; paying "
              + change
              + " now (pieces of "
              + Money.yen(change.yen() - (grown - price))
              + " counted out before the stop are in the retract bin, the unit's own)");
      payChange(restored, change);
      return;
    }
    CashNotes.staff(
        restored,
        CashNotes.CHANGE_OWED,
        change,
        "every piece of the "
            + change
            + " change was counted out when the terminal stopped: count the retract bin; if it"
            + " holds the change, hand it to the customer");
  }

  /**
   * At recovery the customer has gone: the credit is taken back from what the link kept, and the
   * price, in the unit's stock since the payment, is reported for staff to hand back, unless the
   * session had already paid it back in cash.
   */
  @Override
  public Refund refund(PurchaseSession restored) {
    PaymentPart payment = restored.payment();
    Refund credit = kept.refund(restored);
    if (payment.noted(CashNotes.REPAID).isPresent()) {
      return credit;
    }
    Money price = restored.hold().amount().orElse(Money.yen(0));
    CashNotes.staff(
        restored,
        CashNotes.RETAINED,
        price,
        "the payment is taken back after a restart (credit "
            + credit
            + "); its "
            + price
            + " is in the unit's stock: hand it back to the customer");
    return Refund.NOTHING_KEPT;
  }

  @Override
  public void settled(PurchaseSession session) {
    kept.settled(session);
  }

  @Override
  public List<String> receiptLines(PurchaseSession session) {
    PaymentPart payment = session.payment();
    PaymentPart.Approval paid = payment.approval().orElseThrow();
    List<String> lines = new ArrayList<>();
    lines.add("PAID IN CASH");
    lines.add(
        "INSERTED "
            + Money.yen(payment.noted(CashNotes.INSERTED).orElse(0L))
            + "  CHANGE "
            + Money.yen(payment.noted(CashNotes.CHANGE).orElse(0L)));
    payment
        .noted(CashNotes.CHANGE_OWED)
        .ifPresent(owed -> lines.add("CHANGE NOT PAID " + Money.yen(owed) + " - ASK STAFF"));
    lines.add("RRN " + paid.reference() + "  APPROVAL " + paid.approvalCode());
    return lines;
  }
}
