package com.kippu.center.reservation;

import java.time.Instant;
import java.util.Optional;

/**
 * Answers an issuance of a reservation that is already issued. Only the proof the ticket was issued
 * against, the same in every field (method, acquirer, terminal, reference, amount, approval code,
 * STAN, time, card or purse record), gets the ticket again: that is a terminal repeating a request
 * whose answer it lost. Any other proof paid for nothing here, so it is refused with {@link
 * Outcome#RESERVATION_ISSUED_OTHER_PAYMENT} and its terminal reverses it.
 *
 * <p>Such a refused proof is recorded, not consumed: it is kept as REFUSED for this reservation, is
 * no sale (settlement and the sales feed never count it) and can still be reversed, but it can
 * never pay for another ticket or card afterwards, because its terminal is reversing it and a
 * ticket paid by a reversed payment would be free; a repeat of the same refused request is refused
 * the same way. A proof already recorded for something else (another ticket, a card sale, a refusal
 * for another reservation), or recorded with other details under the same key, is {@link
 * Outcome#PAYMENT_ALREADY_USED} instead, never the reversal code: that money bought something, and
 * taking it back unseen would leave a sale unpaid, so staff decide.
 */
final class RepeatedIssuance {
  private RepeatedIssuance() {}

  static Result<IssuedTicket> answer(ReservationStore store, IssueCommand cmd, Instant now) {
    ReservationNumber number = cmd.number();
    PaymentProof proof = cmd.payment();
    if (store.ticketPayment(number, proof).map(PaymentUse::sameProof).orElse(false)) {
      return Result.ok(
          store
              .ticket(number)
              .orElseThrow(() -> new IllegalStateException("issued, no ticket: " + number)));
    }
    Optional<PaymentUse> use = store.paymentUse(proof);
    if (use.isEmpty()) {
      store.refusePayment(proof, number, now);
      return otherPayment(number, proof);
    }
    if (use.get().kind() == PaymentUse.Kind.REFUSED
        && use.get().subject().equals(number.value())
        && use.get().sameProof()) {
      return otherPayment(number, proof);
    }
    return Result.failed(
        Outcome.PAYMENT_ALREADY_USED,
        "payment " + describe(proof) + " is recorded for something else or with other details",
        "payment.reference");
  }

  private static Result<IssuedTicket> otherPayment(ReservationNumber number, PaymentProof proof) {
    return Result.failed(
        Outcome.RESERVATION_ISSUED_OTHER_PAYMENT,
        "reservation "
            + number
            + " is issued against another payment; "
            + describe(proof)
            + " paid for nothing and must be reversed",
        "payment");
  }

  /** Names a proof by its key, for messages. */
  static String describe(PaymentProof p) {
    return p.method()
        + " "
        + p.reference()
        + " (acquirer "
        + p.acquirer()
        + ", terminal "
        + p.terminalId()
        + ")";
  }
}
