package com.kippu.atm.flow.pay;

import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import java.util.List;
import java.util.Optional;

/**
 * One payment rail behind the one {@code pay} step (transfer, cash, debit, credit, prepaid,
 * e-money), chosen by id like a jPOS group selector. The step journals the attempt ({@link
 * PaymentPart#request}) before {@link #pay} moves anything; {@link #compensate} takes back an
 * approved payment whose ticket never came, {@link #resolve} decides after a crash whether an
 * attempt moved money, {@link #refund} takes it back from what the rail kept, and {@link #proof} is
 * what the issuer is shown. Every operation is idempotent: recovery repeats them.
 */
public interface PaymentMethod {

  /** Stable id: the choice key on screen and the journal's {@code method} fact. */
  String id();

  /** The method's name in the center's payment proof, e.g. {@code ACCOUNT_TRANSFER}. */
  String proofMethod();

  /** Whether this terminal's kind and devices can carry the method out (S1 ¶114-117). */
  boolean offeredOn(TerminalProfile terminal);

  /**
   * Whether the method can pay in this session: e-money and a transfer from the IC card's account
   * need a card read in the session that carries them (a kiosk feeds a blank card only once paid).
   */
  default boolean usableIn(PurchaseSession session) {
    return true;
  }

  /** The label of the method's choice for this session, e.g. with the masked account. */
  Text label(PurchaseSession session);

  /**
   * Gathers what the customer must present before the attempt is journaled (a card swipe, a PIN
   * entered on the pad) into {@link PaymentPart#present}; nothing moves. An outcome refuses the
   * attempt (the customer cancelled, the card could not be read).
   */
  default Optional<PaymentOutcome> prepare(PurchaseSession session, CustomerTerminal customer) {
    return Optional.empty();
  }

  /**
   * Pays the session's hold amount in the attempt {@link PaymentPart#request} opened; on approval
   * fills {@link PaymentPart#approved}, on a decline {@link PaymentPart#noMoneyMoved}.
   */
  PaymentOutcome pay(PurchaseSession session, CustomerTerminal customer) throws Exception;

  /**
   * Takes back the current attempt if it was approved and no ticket was issued for it; leaves an
   * unknown outcome to the rail's own reversal. Idempotent.
   */
  void compensate(PurchaseSession session) throws Exception;

  /**
   * After a crash, for an attempt journaled as possibly moving money without an approval: finds out
   * from the rail what happened, filling the approval when the money did move.
   */
  Resolution resolve(PurchaseSession restored);

  /**
   * After a crash, for an attempt the journal holds approved and no ticket yet: whether the payment
   * still stands. It does on every rail but cash, which is kept only after its approval was
   * journaled, so a crash in between leaves the cash with the customer and the credit to take back.
   */
  default Resolution confirm(PurchaseSession restored) {
    return Resolution.APPROVED;
  }

  /** Takes back an approved payment of a restored session whose ticket will never come. */
  Refund refund(PurchaseSession restored);

  /** The ticket was issued: the payment stands, and what was kept to reverse it may go. */
  void settled(PurchaseSession session);

  /** The payment lines of the receipt: method, masked card or account, references. */
  List<String> receiptLines(PurchaseSession session);

  /** What the issuer is shown when asked to issue (S1 ¶60). */
  default PaymentProof proof(PurchaseSession session) {
    PaymentPart.Approval paid =
        session
            .payment()
            .approval()
            .orElseThrow(() -> new IllegalStateException("no approved payment to prove"));
    return new PaymentProof(
        proofMethod(),
        session.hold().amount().orElseThrow(),
        paid.reference(),
        paid.approvalCode(),
        paid.stan(),
        paid.paidAt(),
        paid.acquirer(),
        paid.details());
  }

  /** What a crashed attempt turned out to be. */
  enum Resolution {
    /** The money moved; the approval is now in the session: issue the ticket. */
    APPROVED,
    /** The money had moved and is now back with the customer: the rail confirmed it. */
    REFUNDED,
    /** No money left the customer. */
    NO_MONEY,
    /** The rail is taking it back and will repeat until confirmed; the hold is left to expire. */
    REVERSAL_PENDING,
    /** Only the customer's card can tell (e-money): asked again when recovery next runs. */
    NEEDS_CARD
  }

  /** What taking a payment back achieved. */
  enum Refund {
    /** Confirmed by the rail: the customer has the money back. */
    REFUNDED,
    /** Queued; the rail repeats it until confirmed. */
    QUEUED,
    /**
     * The rail kept nothing to take it back with, or will not take back a payment a sale it knows
     * used: staff must refund by hand.
     */
    NOTHING_KEPT,
    /** Needs the customer's card in the reader (e-money): tried again when recovery next runs. */
    LATER
  }
}
