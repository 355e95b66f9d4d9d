package com.kippu.center.sales;

import com.kippu.center.card.CardStanding;
import com.kippu.center.db.StoreException;
import com.kippu.center.reservation.CenterPaymentRefusedException;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.IssueCommand;
import com.kippu.center.reservation.IssuedTicket;
import com.kippu.center.reservation.Outcome;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.reservation.ReservationService;
import com.kippu.center.reservation.ReservationState;
import com.kippu.center.reservation.ReserveCommand;
import com.kippu.center.reservation.Result;
import java.util.Optional;

/**
 * The ways a seat is sold, all through the one {@link ReservationService} path (seat claims,
 * issuance) so a seat is never sold twice whichever way it goes: a short hold paid at once (F5), a
 * reservation paid later at any terminal before its payment deadline (F1/F2), and a direct purchase
 * (F6) that holds and issues in one request. A payment proof pays for one reservation only: the
 * payment table's key (method, acquirer, terminal, reference) enforces it, this service answers it
 * as {@link Outcome#PAYMENT_ALREADY_USED}. Nothing is held, sold or issued onto a card reported
 * lost or invalidated by the issuer ({@link Outcome#CARD_LOST}), nor paid by the purse of a card
 * reported lost (its value moved to the new card at the reissue); a sale that was done before the
 * loss is still answered as done when its terminal asks again, so a payment that bought a ticket is
 * never taken back (the ticket is revoked with the card, and reissued with its other tickets).
 */
public final class PurchaseService {
  private final ReservationService holds;
  private final ReservationService payLater;
  private final PaymentLedger ledger;
  private final CardStanding cards;
  private final PayingCards paying;

  /**
   * {@code holds} and {@code payLater} are the same service over the same store, differing only in
   * how long a reservation lasts (the short hold, the payment deadline).
   */
  public PurchaseService(
      ReservationService holds, ReservationService payLater, PaymentLedger ledger) {
    this(holds, payLater, ledger, PayingCards.NONE);
  }

  /**
   * As above; {@code paying} checks the card sold onto and the purse that pays (lost cards, the
   * issuers' invalidations, prepaid cards never activated).
   */
  public PurchaseService(
      ReservationService holds,
      ReservationService payLater,
      PaymentLedger ledger,
      PayingCards paying) {
    this.holds = holds;
    this.payLater = payLater;
    this.ledger = ledger;
    this.cards = paying.standing();
    this.paying = paying;
  }

  /** A short hold, or with {@code payLater} a reservation payable until its deadline. */
  public Result<Hold> reserve(ReserveCommand cmd, boolean payLaterDeadline) {
    Optional<String> refused = cards.refusalForEvent(cmd.cardId(), cmd.eventId());
    if (refused.isPresent()) {
      return Result.failed(Outcome.CARD_LOST, refused.get(), "cardId");
    }
    return (payLaterDeadline ? payLater : holds).reserve(cmd);
  }

  /**
   * Issuance against a payment proof; a repeat with the same proof gets the same ticket, another
   * proof for an issued reservation is refused.
   */
  public Result<IssuedTicket> issue(IssueCommand cmd) {
    Result<ReservationState> state = holds.find(cmd.number());
    // The issuer's own server is asked too: it may have invalidated the card since the hold.
    Optional<String> refused =
        state.success()
            ? cards.refusal(cmd.cardId(), state.value().reservation().issuerId())
            : cards.refusal(cmd.cardId());
    if (refused.isPresent() && !issuedAlready(cmd)) {
      return Result.failed(Outcome.CARD_LOST, refused.get(), "cardId");
    }
    PaymentProof p = cmd.payment();
    Optional<PayingCards.Refusal> purseLost = paying.lostPurse(p);
    if (purseLost.isPresent() && !issuedAlready(cmd)) {
      return Result.failed(Outcome.CARD_LOST, purseLost.get().detail(), purseLost.get().field());
    }
    Optional<PayingCards.Refusal> worthless = paying.notActivated(cmd.cardId(), p);
    if (worthless.isPresent()) {
      return Result.failed(
          Outcome.CARD_NOT_ACTIVE, worthless.get().detail(), worthless.get().field());
    }
    if (usedElsewhere(cmd)) {
      return paymentUsed(p);
    }
    try {
      return holds.issue(cmd);
    } catch (StoreException e) {
      // Lost a race on the unique payment key: the winner's ticket is now visible.
      if (usedElsewhere(cmd)) {
        return paymentUsed(p);
      }
      throw e;
    }
  }

  /**
   * F6: holds the seats and issues at once. When issuance is refused for the payment (wrong amount,
   * proof already used, a center payment its record does not back) the hold is released so the
   * seats go back on sale; the terminal reverses its payment. A retry with the same request number
   * replays the same reservation and ticket.
   */
  public Result<Purchase> purchase(ReserveCommand cmd, PaymentProof payment) {
    Optional<String> refused = cards.refusalForEvent(cmd.cardId(), cmd.eventId());
    if (refused.isPresent() && holds.byRequest(cmd.terminalId(), cmd.requestNumber()).isEmpty()) {
      return Result.failed(Outcome.CARD_LOST, refused.get(), "cardId");
    }
    Result<Hold> held = holds.reserve(cmd);
    if (!held.success()) {
      return relay(held);
    }
    Hold hold = held.value();
    Result<IssuedTicket> issued;
    try {
      issued = issue(new IssueCommand(hold.reservation().number(), cmd.cardId(), payment));
    } catch (CenterPaymentRefusedException e) {
      holds.cancel(hold.reservation().number(), "purchase refused: " + e.reason());
      throw e;
    }
    if (!issued.success()) {
      if (issued.outcome() == Outcome.AMOUNT_MISMATCH
          || issued.outcome() == Outcome.PAYMENT_ALREADY_USED
          || issued.outcome() == Outcome.CARD_NOT_ACTIVE
          || issued.outcome() == Outcome.CARD_LOST) {
        holds.cancel(hold.reservation().number(), "purchase refused: " + issued.outcome());
      }
      return relay(issued);
    }
    return Result.created(new Purchase(hold, issued.value()));
  }

  /** The reservation was issued before (a repeat, answered with its ticket or a refusal). */
  private boolean issuedAlready(IssueCommand cmd) {
    Result<ReservationState> state = holds.find(cmd.number());
    return state.success() && state.value().ticketNumber().isPresent();
  }

  /** Recorded for anything but this reservation's ticket or a refusal for it. */
  private boolean usedElsewhere(IssueCommand cmd) {
    Optional<PaymentUse> use = ledger.use(cmd.payment());
    return use.isPresent() && !use.get().forReservation(cmd.number().value());
  }

  private static <T> Result<T> paymentUsed(PaymentProof p) {
    return Result.failed(
        Outcome.PAYMENT_ALREADY_USED,
        "payment "
            + p.method()
            + " "
            + p.reference()
            + " (acquirer "
            + p.acquirer()
            + ", terminal "
            + p.terminalId()
            + ") already paid for something else",
        "payment.reference");
  }

  private static <T> Result<T> relay(Result<?> failed) {
    return new Result<>(failed.outcome(), null, failed.message(), failed.field(), failed.seatIds());
  }
}
