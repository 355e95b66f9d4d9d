package com.kippu.center.home;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.PaymentUse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The home PC's payments the center authorises at the card host or the bank (F13, S2 ¶49-51),
 * intent first: the payment is recorded {@code PENDING} in its own committed transaction before the
 * host is asked, and moves to {@code APPROVED} or {@code DECLINED} with one conditional write when
 * the host answers. A reversal may claim a pending payment (the terminal that asked lost the
 * answer); the thread that then gets the approval takes it back at the host itself. A sale uses
 * approved payments only, so a pending one never pays for anything.
 */
final class HomePayments {
  private static final Logger LOG = Logger.getLogger(HomePayments.class.getName());

  /**
   * How long a host may take to answer: well beyond the links' own timeouts. A pending payment
   * another center began longer ago has no thread left waiting for it (that center stopped
   * mid-call).
   */
  static final Duration ANSWER_WINDOW = Duration.ofMinutes(1);

  /** How the center asks a host for the payment, the PIN or card number held by the call. */
  @FunctionalInterface
  interface HostCall {
    CardAuthorizer.Authorization ask() throws CardAuthorizer.UnavailableException;
  }

  private final HomeRepository repository;
  private final CardAuthorizer cards;
  private final BankAuthorizer banks;
  private final Clock clock;

  /** The references this center is asking a host about now. */
  private final Set<String> awaited = ConcurrentHashMap.newKeySet();

  HomePayments(HomeRepository repository, HomeRails rails, Clock clock) {
    this.repository = repository;
    this.cards = rails.cards();
    this.banks = rails.banks();
    this.clock = clock;
  }

  /**
   * Pays {@code intent} once per reference: a repeat is answered as recorded (a pending one as
   * pending, the host not asked again), another payment under the reference is refused.
   */
  Answer<HomeOutcome, HomePayment> pay(HomePayment intent, HostCall call) {
    Optional<Answer<HomeOutcome, HomePayment>> earlier = earlier(intent);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    if (!configured(intent.method())) {
      return Answer.refused(
          unavailable(intent.method()), "no " + hostName(intent) + " at this center", null);
    }
    boolean mine = awaited.add(intent.reference());
    try {
      if (!repository.begin(intent)) {
        return earlier(intent).orElseThrow();
      }
      CardAuthorizer.Authorization answer;
      try {
        answer = call.ask();
      } catch (CardAuthorizer.UnavailableException e) {
        // No answer is coming to this thread: what the host's link kept, if anything, is taken
        // back.
        takeBack(repository.payment(intent.reference()).orElseThrow(), true);
        return Answer.refused(unavailable(intent.method()), e.getMessage(), null);
      }
      return Answer.of(HomeOutcome.OK, settle(intent, answer));
    } finally {
      if (mine) {
        awaited.remove(intent.reference());
      }
    }
  }

  /** The host's answer recorded; an approval a reversal claimed meanwhile is taken back here. */
  private HomePayment settle(HomePayment intent, CardAuthorizer.Authorization answer) {
    String reference = intent.reference();
    HomePayment.Status status =
        answer.approved() ? HomePayment.Status.APPROVED : HomePayment.Status.DECLINED;
    if (!repository.settle(reference, status, answer, false)) {
      if (!answer.approved()) {
        repository.settle(reference, status, answer, true);
      } else {
        try {
          if (reverseAt(intent.method(), reference)) {
            repository.settle(reference, HomePayment.Status.REVERSED, answer, true);
          } else {
            LOG.severe("the host did not take back the approval under " + reference);
          }
        } catch (CardAuthorizer.UnavailableException e) {
          LOG.warning(
              "approval under " + reference + " left pending for its reversal: " + e.getMessage());
        }
      }
    }
    return repository.payment(reference).orElseThrow();
  }

  /**
   * The payment already recorded under the intent's reference: the same one repeated is answered as
   * recorded; a reference used for another user, terminal, amount or method is refused.
   */
  private Optional<Answer<HomeOutcome, HomePayment>> earlier(HomePayment intent) {
    return repository
        .payment(intent.reference())
        .map(
            p ->
                p.userId().equals(intent.userId())
                        && p.terminalId().equals(intent.terminalId())
                        && p.amountYen() == intent.amountYen()
                        && p.method() == intent.method()
                    ? Answer.of(HomeOutcome.OK, p)
                    : Answer.refused(
                        HomeOutcome.REFERENCE_REUSED,
                        "reference " + intent.reference() + " was used for another payment",
                        "reference"));
  }

  /** What was recorded under {@code reference} for this terminal. */
  Answer<HomeOutcome, HomePayment> payment(String terminalId, String reference) {
    return repository
        .payment(reference)
        .filter(p -> p.terminalId().equals(terminalId))
        .map(p -> Answer.<HomeOutcome, HomePayment>of(HomeOutcome.OK, p))
        .orElseGet(
            () ->
                Answer.refused(
                    HomeOutcome.PAYMENT_NOT_FOUND, "no payment " + reference, "reference"));
  }

  /**
   * Takes a payment back where it was asked (the terminal's compensation). An approved one is taken
   * back at its host; a pending one is claimed, so a sale can never use it and the thread that gets
   * its approval takes that back, and is answered as reversed once no approval can be left at the
   * host; one declined or already reversed is answered as it stands. A payment a sale used is
   * refused: it bought something, and money must not leave twice. No record means no host was asked
   * for it: not found.
   */
  Answer<HomeOutcome, HomePayment> reverse(String terminalId, String reference) {
    Answer<HomeOutcome, HomePayment> found = payment(terminalId, reference);
    if (!found.success()) {
      return found;
    }
    HomePayment p = found.value();
    if (p.status() == HomePayment.Status.PENDING) {
      return takeBack(p, false);
    }
    if (p.status() != HomePayment.Status.APPROVED) {
      return found;
    }
    String paidFor = repository.holdForReversal(reference);
    if (!PaymentUse.CENTER_REVERSAL.equals(paidFor)) {
      return Answer.refused(
          HomeOutcome.PAYMENT_ALREADY_USED,
          "payment " + reference + " paid for " + paidFor + ": it is not taken back",
          "reference");
    }
    try {
      if (!reverseAt(p.method(), reference)) {
        return Answer.refused(unavailable(p.method()), hostName(p) + " did not confirm", null);
      }
    } catch (CardAuthorizer.UnavailableException e) {
      return Answer.refused(unavailable(p.method()), e.getMessage(), null);
    }
    repository.markReversed(reference);
    return payment(terminalId, reference);
  }

  /**
   * A pending payment claimed for reversal and taken back at its host. When the host's link kept no
   * approval and a thread may still be waiting for the host's answer, it stays pending: that thread
   * records the answer, and takes an approval back. {@code byAsker}: the thread that asked the host
   * gave up waiting.
   */
  private Answer<HomeOutcome, HomePayment> takeBack(HomePayment pending, boolean byAsker) {
    String reference = pending.reference();
    String paidFor = repository.holdForReversal(reference);
    if (!PaymentUse.CENTER_REVERSAL.equals(paidFor)) { // approved and used since it was read
      return Answer.refused(
          HomeOutcome.PAYMENT_ALREADY_USED,
          "payment " + reference + " paid for " + paidFor + ": it is not taken back",
          "reference");
    }
    try {
      if (reverseAt(pending.method(), reference) || byAsker || !answerAwaited(pending)) {
        repository.markReversed(reference);
      }
    } catch (CardAuthorizer.UnavailableException e) {
      return Answer.refused(unavailable(pending.method()), e.getMessage(), null);
    }
    return payment(pending.terminalId(), reference);
  }

  /**
   * Whether a thread may still be waiting for the host's answer to {@code pending}: one of this
   * center's, or, where several centers share the database, one of another's within {@link
   * #ANSWER_WINDOW}. A center alone on its database that is not waiting stopped mid-call earlier.
   */
  private boolean answerAwaited(HomePayment pending) {
    return awaited.contains(pending.reference())
        || (repository.sharedByNodes()
            && clock.instant().isBefore(pending.startedAt().plus(ANSWER_WINDOW)));
  }

  private boolean reverseAt(HomePayment.Method method, String reference)
      throws CardAuthorizer.UnavailableException {
    return method == HomePayment.Method.CARD ? cards.reverse(reference) : banks.reverse(reference);
  }

  private boolean configured(HomePayment.Method method) {
    return method == HomePayment.Method.CARD
        ? cards != CardAuthorizer.NONE
        : banks != BankAuthorizer.NONE;
  }

  private static HomeOutcome unavailable(HomePayment.Method method) {
    return method == HomePayment.Method.CARD
        ? HomeOutcome.CARD_HOST_UNAVAILABLE
        : HomeOutcome.BANK_UNAVAILABLE;
  }

  private static String hostName(HomePayment p) {
    return p.method() == HomePayment.Method.CARD ? "the card host" : "the bank";
  }
}
