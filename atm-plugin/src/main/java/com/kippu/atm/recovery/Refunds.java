package com.kippu.atm.recovery;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.recovery.PurchaseRecovery.Action;
import com.kippu.atm.recovery.PurchaseRecovery.Recovered;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Takes a recovered session's payment back through its method's rail: a refund the live flow had
 * begun, or one after the center refused the ticket for good. The refusal is journaled before the
 * rail is asked, so a crash during the refund finishes it as a refund, never as a ticket.
 */
final class Refunds {
  private final Journal journal;
  private final PaymentMethods methods;
  private final Closing closing;
  private final HoldRelease holds;

  Refunds(Journal journal, PaymentMethods methods, Closing closing, HoldRelease holds) {
    this.journal = journal;
    this.methods = methods;
    this.closing = closing;
    this.holds = holds;
  }

  /**
   * The live flow was taking the payment back when the terminal stopped (the customer was told it
   * would be): the refund is finished, never a ticket issued on it.
   */
  Recovered finishTakingBack(PurchaseSession s, String flow) {
    String payment = s.payment().requiredId();
    return switch (methods.get(s.payment().method().orElseThrow()).refund(s)) {
      case REFUNDED -> {
        s.payment().noMoneyMoved();
        yield holds.release(s, flow, Action.PAYMENT_REVERSED);
      }
      case QUEUED ->
          closing.close(
              s,
              flow,
              Map.of(),
              Action.LEFT_TO_REVERSAL,
              "payment " + payment + " was being taken back: its rail repeats the reversal");
      case LATER ->
          closing.retry(
              s, flow, "payment " + payment + " was being taken back: it awaits the card");
      case NOTHING_KEPT ->
          closing.staff(
              s,
              flow,
              Map.of(),
              "payment "
                  + payment
                  + " was being taken back when the terminal stopped and its rail cannot finish"
                  + " it: refund by hand");
    };
  }

  Recovered takeBack(PurchaseSession s, String flow, CenterException refusal) {
    Map<String, String> extra = new TreeMap<>();
    PurchaseRecovery.REFUSAL.put(extra, refusal.code());
    voidTickets(s).ifPresent(tickets -> PurchaseRecovery.VOID_TICKET.put(extra, tickets));
    Map<String, String> begin = new TreeMap<>(s.facts());
    begin.putAll(extra);
    journal.record(s.id(), flow, "Recovery.reverse.begin", begin);
    String payment = s.payment().id().orElse("?");
    return switch (methods.get(s.payment().method().orElseThrow()).refund(s)) {
      case REFUNDED -> {
        s.payment().noMoneyMoved();
        yield closing.close(
            s,
            flow,
            extra,
            Action.PAYMENT_REVERSED,
            "ticket refused (" + refusal.code() + "); payment " + payment + " taken back");
      }
      case LATER ->
          closing.retry(
              s,
              flow,
              "ticket refused (" + refusal.code() + "); the refund awaits the customer's card");
      case QUEUED ->
          closing.close(
              s,
              flow,
              extra,
              Action.LEFT_TO_REVERSAL,
              "ticket refused (" + refusal.code() + "); reversal of " + payment + " queued");
      case NOTHING_KEPT ->
          closing.staff(
              s,
              flow,
              extra,
              "ticket refused ("
                  + refusal.code()
                  + ": "
                  + refusal.getMessage()
                  + ") and the payment's rail kept no record of payment "
                  + payment
                  + " to take back: refund by hand");
    };
  }

  /**
   * The tickets the issuer must void when the payment is taken back: the one the terminal refused
   * and one journaled as issued before, if they differ.
   */
  private static Optional<String> voidTickets(PurchaseSession s) {
    String tickets =
        String.join(
            ",",
            new LinkedHashSet<>(
                Stream.of(s.ticket().refused(), s.ticket().number())
                    .flatMap(Optional::stream)
                    .filter(t -> !t.isBlank())
                    .toList()));
    return tickets.isEmpty() ? Optional.empty() : Optional.of(tickets);
  }
}
