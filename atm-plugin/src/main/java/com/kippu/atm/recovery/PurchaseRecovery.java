package com.kippu.atm.recovery;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.CardType;
import com.kippu.atm.center.CardValue;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.CommuterPass;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.Sale;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.Fact;
import com.kippu.atm.flow.parts.HoldPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.TicketPart;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.flow.print.TicketReplacement;
import com.kippu.atm.flow.recharge.AddFunctionFlow;
import com.kippu.atm.flow.recharge.InstalledApplication;
import com.kippu.atm.flow.recharge.RechargeFlow;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.Purse;
import com.kippu.atm.spi.TerminalProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Start-up recovery of the purchase sessions (the flows named at construction) a crash or power
 * loss left open in the journal. Each session is rebuilt from its last entry into the same parts
 * the live flow uses, so the rules are the live ones; money decides: a paid session gets its ticket
 * (issuance is idempotent at the center), an attempt of unknown outcome is settled by its payment
 * method's rail, a session where no money moved releases its hold ({@link HoldRelease}); a paid
 * direct purchase (F6) is bought again under its journaled request number. A paid session whose
 * ticket the center refuses for good (details: {@link Refusals}) has its payment taken back: every
 * debit ends in a ticket or a reversal. What only staff can settle ends in {@link
 * Action#NEEDS_STAFF}, logged SEVERE, and is not retried at every start.
 */
public final class PurchaseRecovery {
  public static final String RECOVERED = "RECOVERED";

  /** A recovered session whose ticket reached its card when the card came back. */
  public static final String TICKET_ON_CARD = "TICKET_ON_CARD";

  public static final Fact<String> REFUSAL = Fact.text("refusal");
  public static final Fact<String> VOID_TICKET = Fact.text("voidTicket");
  public static final Fact<String> STAFF = Fact.text("staff");
  public static final Fact<String> ACTION = Fact.text("recovery");

  private static final Logger LOG = Logger.getLogger(PurchaseRecovery.class.getName());

  private final Journal journal;
  private final IssuerCenter center;
  private final PaymentMethods methods;
  private final TerminalProfile terminal;
  private final Set<String> flows;
  private final Closing closing;
  private final HoldRelease holds;
  private final Refunds refunds;
  private final Optional<KioskCenter> kiosk;
  private final Optional<PurseLoad> purse;
  private final Optional<IcCard> card;

  public PurchaseRecovery(
      Journal journal,
      IssuerCenter center,
      PaymentMethods methods,
      TerminalProfile terminal,
      Set<String> flows) {
    this(
        journal,
        center,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        methods,
        terminal,
        flows);
  }

  /** A recovery that also finishes kiosk product sales (F7) through {@code kiosk}. */
  public PurchaseRecovery(
      Journal journal,
      IssuerCenter center,
      Optional<KioskCenter> kiosk,
      PaymentMethods methods,
      TerminalProfile terminal,
      Set<String> flows) {
    this(journal, center, kiosk, Optional.empty(), Optional.empty(), methods, terminal, flows);
  }

  /**
   * As above; asks the card in the reader ({@code card}) whether an application an add-function
   * session was installing is on it, and writes a paid recharge's value into the card's purse
   * through {@code purse} (F11).
   */
  public PurchaseRecovery(
      Journal journal,
      IssuerCenter center,
      Optional<KioskCenter> kiosk,
      Optional<IcCard> card,
      Optional<PurseLoad> purse,
      PaymentMethods methods,
      TerminalProfile terminal,
      Set<String> flows) {
    this.kiosk = kiosk;
    this.card = card;
    this.purse = purse;
    this.journal = journal;
    this.center = center;
    this.methods = methods;
    this.terminal = terminal;
    this.flows = Set.copyOf(flows);
    this.closing = new Closing(journal);
    this.holds = new HoldRelease(center, closing);
    this.refunds = new Refunds(journal, methods, closing, holds);
  }

  /** What recovery did for one open session. */
  public record Recovered(SessionId session, Action action, String detail) {}

  /** The recovery decisions, by what the journal says about the money. */
  public enum Action {
    /** Paid and issued before the crash; the ticket awaits the card. */
    TICKET_ALREADY_ISSUED,
    /** Paid, not issued: issuance completed now against the journaled payment proof. */
    TICKET_ISSUED,
    /**
     * The payment's outcome was unknown, or its reversal is queued but not yet confirmed: the rail
     * repeats the reversal until confirmed; the hold is left to expire.
     */
    LEFT_TO_REVERSAL,
    /** Paid, but no ticket will come (refused, or approved unknown to the journal): taken back. */
    PAYMENT_REVERSED,
    /** No money moved: the hold was released. */
    HOLD_RELEASED,
    /** Nothing to undo. */
    NOTHING_TO_DO,
    /** Only staff can settle it (the journal's {@code staff} fact); final, not retried. */
    NEEDS_STAFF,
    /** Could not finish now (center unreachable); the session stays open for the next start. */
    RETRY_LATER,
    /** Paid, the card's recharge not confirmed (F11): recharged now against the journaled proof. */
    RECHARGED,
    /**
     * Paid and recorded at the center (F11), the card not in the reader: the value is a pending
     * load the center keeps, written at the card's next insertion at any terminal.
     */
    LOAD_PENDING,
    /**
     * Paid, the application's install not confirmed (F11): the card holds it, the payment stands.
     */
    INSTALLED
  }

  /** Recovers every open session of this recovery's flows, oldest first. */
  public List<Recovered> run() {
    List<Recovered> results = new ArrayList<>();
    for (SessionId id : journal.openSessions()) {
      List<JournalEntry> entries = journal.entries(id);
      JournalEntry last = entries.get(entries.size() - 1);
      if (!flows.contains(last.flow())) {
        continue;
      }
      Recovered r = recover(id, last.flow(), last.facts());
      LOG.info(() -> "recovered session " + id + ": " + r.action() + " " + r.detail());
      results.add(r);
    }
    return results;
  }

  private Recovered recover(SessionId id, String flow, Map<String, String> facts) {
    PurchaseSession s = PurchaseSession.restore(id, terminal, facts);
    if (REFUSAL.isIn(facts)) {
      // A refund or a pending ticket's refusal began before the crash: finish it.
      return takeBack(s, flow, new CenterException(REFUSAL.required(facts), "refused"));
    }
    if (s.ticket().number().isPresent() && s.ticket().unconfirmedPrint().isPresent()) {
      return replaceUnconfirmedPrint(s, flow);
    }
    if (s.ticket().number().isPresent()) {
      method(s).settled(s);
      return close(
          s,
          flow,
          Map.of(),
          Action.TICKET_ALREADY_ISSUED,
          "ticket "
              + s.ticket().number().get()
              + " awaits card "
              + s.card().cardId().orElseThrow());
    }
    if (AddFunctionFlow.NAME.equals(flow) && s.ticket().soldItem().isPresent()) {
      return recordApplicationSale(s, flow);
    }
    if (s.ticket().soldItem().isPresent()) {
      method(s).settled(s);
      return close(
          s,
          flow,
          Map.of(),
          Action.TICKET_ALREADY_ISSUED,
          s.ticket().soldItem().get()
              + " sold onto card "
              + s.card().cardId().orElseThrow()
              + "; a card the customer never took is kept for staff to hand over");
    }
    if (s.payment().takingBack()) {
      return refunds.finishTakingBack(s, flow);
    }
    if (s.payment().approval().isEmpty() && s.payment().mayHaveMoved()) {
      Optional<Recovered> settled = settle(s, flow, method(s).resolve(s));
      if (settled.isPresent()) {
        return settled.get();
      }
    } else if (s.payment().approval().isPresent()) {
      Optional<Recovered> settled = settle(s, flow, method(s).confirm(s));
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    if (s.payment().approval().isPresent()) {
      return completeIssuance(s, flow);
    }
    if (s.ticket().refused().isPresent()) {
      return staff(
          s, flow, Map.of(), Refusals.orphaned(s.ticket().refused().get(), reservationOf(s)));
    }
    return releaseHold(s, flow, Action.HOLD_RELEASED);
  }

  /**
   * Acts on what the payment's rail says of a crashed attempt; empty when the session goes on to
   * its ticket (approved) or to releasing its hold (no money moved).
   */
  private Optional<Recovered> settle(PurchaseSession s, String flow, PaymentMethod.Resolution r) {
    return switch (r) {
      case APPROVED -> Optional.empty();
      case NO_MONEY -> {
        s.payment().noMoneyMoved();
        yield Optional.empty();
      }
      case REFUNDED -> {
        s.payment().noMoneyMoved();
        yield Optional.of(releaseHold(s, flow, Action.PAYMENT_REVERSED));
      }
      case NEEDS_CARD ->
          Optional.of(
              retry(
                  s,
                  flow,
                  "payment " + s.payment().requiredId() + ": the card must say if it paid"));
      case REVERSAL_PENDING ->
          Optional.of(
              close(
                  s,
                  flow,
                  Map.of(),
                  Action.LEFT_TO_REVERSAL,
                  "payment " + s.payment().requiredId() + " taken back by its rail"));
    };
  }

  /**
   * The terminal stopped while a ticket was being printed: it may be out, so it is voided and
   * replaced, and the replacement awaits the card ({@link TicketReplacement}).
   */
  private Recovered replaceUnconfirmedPrint(PurchaseSession s, String flow) {
    String voided = s.ticket().number().orElseThrow();
    try {
      TicketReplacement.replace(center, s, "printing not confirmed when the terminal stopped");
    } catch (CenterException e) {
      return retry(s, flow, "ticket " + voided + " to be replaced: " + e.getMessage());
    }
    s.ticket().deliverBy(TicketPart.Delivery.CARD);
    method(s).settled(s);
    return close(
        s,
        flow,
        Map.of(),
        Action.TICKET_ALREADY_ISSUED,
        "ticket "
            + voided
            + " voided, its replacement "
            + s.ticket().number().orElseThrow()
            + " awaits card "
            + s.card().cardId().orElseThrow());
  }

  private Recovered completeIssuance(PurchaseSession s, String flow) {
    if (RechargeFlow.NAME.equals(flow)) {
      return completeRecharge(s, flow);
    }
    if (AddFunctionFlow.NAME.equals(flow)) {
      return finishInstall(s, flow);
    }
    if (s.card().cardId().isEmpty()) {
      // A kiosk (F7) feeds its card only once paid: stopped before a card was read, nothing was
      // sold onto any card, so the payment is taken back.
      return takeBack(
          s,
          flow,
          new CenterException(
              Refusals.NO_CARD, "paid, stopped before a card was taken from the stocker"));
    }
    if (s.kiosk().is(CardType.COMMUTER_PASS)) {
      return completePassSale(s, flow);
    }
    if (s.kiosk().is(CardType.PREPAID)) {
      return completeActivation(s, flow);
    }
    if (s.hold().direct() && s.hold().number().isEmpty()) {
      return completePurchase(s, flow);
    }
    PaymentProof proof = method(s).proof(s);
    ReservationNumber reservation = s.hold().number().orElseThrow();
    CardId card = s.card().cardId().orElseThrow();
    journal.record(s.id(), flow, "Recovery.issue.begin", s.facts());
    try {
      Ticket ticket = center.issue(reservation, card, proof);
      Optional<String> mismatch =
          ticket.mismatch(reservation, card, s.hold().seatIds(), proof.reference(), proof.amount());
      if (mismatch.isPresent()) {
        return refuseTicket(s, flow, ticket.ticketNumber(), mismatch.get());
      }
      s.ticket().issued(ticket);
      method(s).settled(s);
      return close(
          s,
          flow,
          Map.of(),
          Action.TICKET_ISSUED,
          "ticket " + ticket.ticketNumber() + " awaits card " + card);
    } catch (CenterException e) {
      return refused(s, flow, e)
          .orElseGet(() -> retry(s, flow, "issuance after restart failed: " + e.getMessage()));
    }
  }

  /**
   * A paid recharge (F11) whose answer was lost or never asked for: asked again under the journaled
   * proof, which the center answers once. Recorded there, the value is the customer's: written now
   * when the card is in the reader, else left as a pending load at the center that any terminal
   * writes at the card's next insertion ({@link com.kippu.atm.flow.pay.PendingLoads}); either way
   * the payment stands and the session ends. Refused for good (a limit reached, the card lost), the
   * payment is taken back; a proof that paid for something else is left to staff.
   */
  private Recovered completeRecharge(PurchaseSession s, String flow) {
    PaymentProof proof = method(s).proof(s);
    CardId card = s.card().cardId().orElseThrow();
    String purseTx = PurseLoad.transactionId(s.payment().requiredId() + "-L");
    journal.record(s.id(), flow, "Recovery.recharge.begin", s.facts());
    try {
      CardValue after = center.recharge(card, proof, purseTx);
      // Recorded at the center (now or before the crash): the value goes onto the chip once.
      method(s).settled(s);
      if (!loadedNow(card, proof, purseTx)) {
        return close(
            s,
            flow,
            Map.of(),
            Action.LOAD_PENDING,
            "recharge recorded; "
                + proof.amount()
                + " is a pending load for card "
                + card
                + " at its next insertion at any terminal");
      }
      return close(
          s, flow, Map.of(), Action.RECHARGED, "card " + card + " now holds " + after.value());
    } catch (CenterException e) {
      if (e.outcomeUnknown()) {
        return retry(s, flow, "recharge after restart failed: " + e.getMessage());
      }
      if (Refusals.forStaff(e.code())) {
        return staff(
            s,
            flow,
            Map.of(REFUSAL.key(), e.code()),
            "recharge refused ("
                + e.code()
                + "): payment "
                + s.payment().id().orElse("?")
                + " may have paid for something else; not taken back");
      }
      return takeBack(s, flow, e);
    }
  }

  /** Writes a recorded recharge onto the card when it is in the reader, and reports it. */
  private boolean loadedNow(CardId card, PaymentProof proof, String purseTx) {
    if (purse.isEmpty()) {
      return false;
    }
    try {
      if (purse.get().loadAs(card, proof.amount(), purseTx) != PurseLoad.Result.LOADED) {
        return false;
      }
    } catch (Purse.PurseException e) {
      LOG.warning("recharge recorded; purse not written, a pending load now: " + e.getMessage());
      return false;
    }
    try {
      center.loaded(card, purseTx);
    } catch (CenterException e) {
      LOG.info("load " + purseTx + " on the chip, not reported: " + e.getMessage());
    }
    return true;
  }

  /**
   * A paid add-function session (F11) the terminal stopped in. The application is installed only in
   * the live session; whether the card took it before the stop is the card's to tell, so a session
   * that began the install waits for its card in the reader: there, the application makes the
   * payment stand, its absence takes the payment back. Never begun: taken back.
   */
  private Recovered finishInstall(PurchaseSession s, String flow) {
    Optional<String> installing = s.ticket().installing();
    CenterException notInstalled =
        new CenterException(
            "NOT_INSTALLED", "the terminal stopped before the application was installed");
    if (installing.isEmpty()) {
      return takeBack(s, flow, notInstalled);
    }
    CardId cardId = s.card().cardId().orElseThrow();
    try {
      if (card.isEmpty() || !card.get().readChip().cardId().equals(cardId)) {
        return retry(s, flow, "installing " + installing.get() + ": awaits card " + cardId);
      }
      Optional<InstalledApplication> app = installing.flatMap(InstalledApplication::of);
      boolean on = app.isPresent() && card.get().applications().stream().anyMatch(app.get()::is);
      if (!on) {
        return takeBack(s, flow, notInstalled);
      }
    } catch (CardException e) {
      return retry(s, flow, "installing " + installing.get() + ": card not readable: " + e);
    }
    // On the card: the payment bought it, and its sale is recorded for the issuer.
    s.ticket().sold(installing.get());
    return recordApplicationSale(s, flow);
  }

  /**
   * A paid direct purchase (F6) whose sale was never answered: bought again under its journaled
   * request number, which the center answers as the same sale if it made one.
   */
  private Recovered completePurchase(PurchaseSession s, String flow) {
    PaymentProof proof = method(s).proof(s);
    CardId card = s.card().cardId().orElseThrow();
    String request = s.hold().requestNumber().orElseThrow();
    journal.record(s.id(), flow, "Recovery.purchase.begin", s.facts());
    try {
      Sale sale =
          center.purchase(
              s.hold().eventId().orElseThrow(), s.hold().seatIds(), card, request, proof);
      s.hold().granted(sale.reservation(), sale.ticket().issuedAt());
      Optional<String> mismatch =
          sale.mismatch(card, s.hold().seatIds(), proof.reference(), proof.amount());
      if (mismatch.isPresent()) {
        return refuseTicket(s, flow, sale.ticket().ticketNumber(), mismatch.get());
      }
      s.ticket().issued(sale.ticket());
      method(s).settled(s);
      return close(
          s,
          flow,
          Map.of(),
          Action.TICKET_ISSUED,
          "purchase " + request + ": ticket " + sale.ticket().ticketNumber() + " awaits " + card);
    } catch (CenterException e) {
      return refused(s, flow, e)
          .orElseGet(() -> retry(s, flow, "purchase after restart failed: " + e.getMessage()));
    }
  }

  /**
   * A paid commuter pass (F7) whose sale was never answered: the center is asked whether it made
   * the sale under the journaled request number. Made, the pass stands; not made, it is not made
   * now (the holder's details are never journaled), so the payment is withdrawn at the center, so
   * that a copy of the sale request still in flight buys nothing, and then taken back. A sale that
   * lands between the question and the withdrawal is found by the withdrawal and stands.
   */
  private Recovered completePassSale(PurchaseSession s, String flow) {
    String request = s.hold().requestNumber().orElseThrow();
    if (kiosk.isEmpty()) {
      return retry(s, flow, "pass sale " + request + ": no kiosk center to ask");
    }
    journal.record(s.id(), flow, "Recovery.pass-sale.begin", s.facts());
    try {
      PaymentProof proof = method(s).proof(s);
      CardId card = s.card().cardId().orElseThrow();
      Optional<CommuterPass> pass = kiosk.get().passSale(request);
      if (pass.isEmpty() && kiosk.get().withdrawPassPayment(request, card, proof)) {
        return takeBack(
            s,
            flow,
            new CenterException(
                Refusals.NO_PASS_SOLD, "no pass was sold under request " + request));
      }
      if (pass.isEmpty()) {
        pass = kiosk.get().passSale(request);
      }
      if (pass.isEmpty()) {
        return retry(s, flow, "pass sale " + request + " sold but not found");
      }
      if (!pass.get().cardId().equals(card)
          || !pass.get().paymentReference().equals(proof.reference())) {
        return refuseTicket(
            s, flow, pass.get().passNumber(), "another card or payment than this session's");
      }
      s.ticket().sold(pass.get().passNumber());
      method(s).settled(s);
      return close(
          s,
          flow,
          Map.of(),
          Action.TICKET_ISSUED,
          "pass " + pass.get().passNumber() + " sold under " + request + " onto card " + card);
    } catch (CenterException e) {
      // PAYMENT_ALREADY_USED: the proof paid for something else; staff decide.
      return refused(s, flow, e)
          .orElseGet(
              () -> retry(s, flow, "pass sale after restart not confirmed: " + e.getMessage()));
    }
  }

  /**
   * An application installed on the card and paid for (F11) whose sale the center has not
   * confirmed: recorded now under the session's number (the same sale if it was recorded). The card
   * holds it and the payment stands, so a refusal goes to staff, never to a refund.
   */
  private Recovered recordApplicationSale(PurchaseSession s, String flow) {
    String sold = s.ticket().soldItem().orElseThrow();
    Optional<InstalledApplication> app = InstalledApplication.of(sold);
    CardId card = s.card().cardId().orElseThrow();
    if (app.isEmpty()) {
      return staff(s, flow, Map.of(), "unreadable application sale '" + sold + "' on " + card);
    }
    journal.record(s.id(), flow, "Recovery.application-sale.begin", s.facts());
    try {
      String sale =
          center.recordApplicationSale(
              s.id().value(), app.get().appId(), app.get().version(), card, method(s).proof(s));
      method(s).settled(s);
      return close(
          s, flow, Map.of(), Action.INSTALLED, sold + " is on card " + card + ", sale " + sale);
    } catch (CenterException e) {
      if (e.outcomeUnknown()) {
        return retry(s, flow, "application sale not confirmed: " + e.getMessage());
      }
      return staff(
          s,
          flow,
          Map.of(),
          sold
              + " is on card "
              + card
              + " and paid, but the center refused its sale ("
              + e.code()
              + "): settle it with the issuer");
    }
  }

  /**
   * A paid prepaid card (F10) whose activation was never answered: activated again with the
   * journaled payment proof, which the center answers as the same activation if it made one.
   */
  private Recovered completeActivation(PurchaseSession s, String flow) {
    CardId card = s.card().cardId().orElseThrow();
    if (kiosk.isEmpty()) {
      return retry(s, flow, "activation of " + card + ": no kiosk center to ask");
    }
    journal.record(s.id(), flow, "Recovery.activate.begin", s.facts());
    try {
      kiosk.get().activate(card, method(s).proof(s));
      s.ticket().sold(card.value());
      method(s).settled(s);
      return close(s, flow, Map.of(), Action.TICKET_ISSUED, "prepaid card " + card + " activated");
    } catch (CenterException e) {
      return refused(s, flow, e)
          .orElseGet(() -> retry(s, flow, "activation after restart failed: " + e.getMessage()));
    }
  }

  /**
   * Ends a paid session whose ticket the center refused for good (here, or when a pending ticket is
   * fetched again for its card): the payment is taken back, or left to staff when it may have
   * bought another ticket. The refusal is journaled, so a pending ticket is no longer fetched.
   *
   * @return empty when the refusal may pass, so the session is to be tried again
   */
  public Optional<Recovered> refused(PurchaseSession s, String flow, CenterException refusal) {
    if (Refusals.neverIssued(refusal.code())) {
      return Optional.of(takeBack(s, flow, refusal));
    }
    if (!Refusals.forStaff(refusal.code())) {
      return Optional.empty();
    }
    return Optional.of(
        staff(
            s,
            flow,
            Map.of(REFUSAL.key(), refusal.code()),
            "ticket refused ("
                + refusal.code()
                + "): payment "
                + s.payment().id().orElse("?")
                + " may have bought another ticket; not taken back"));
  }

  /**
   * Refuses a ticket the center answered with that does not match the journaled session: it never
   * reaches a card, the issuer must void it, and the payment is taken back from what its rail kept;
   * when the rail kept nothing, staff refund it. The refused ticket is journaled as {@code
   * refusedTicket}; a ticket journaled before under another number stays as {@code ticket}.
   */
  public Recovered refuseTicket(PurchaseSession s, String flow, String ticket, String mismatch) {
    String journaled = s.ticket().number().orElse(null);
    LOG.severe(
        Refusals.orphaned(ticket, reservationOf(s))
            + (journaled == null || journaled.equals(ticket)
                ? ""
                : " (journaled as ticket " + journaled + ")")
            + " (it names "
            + mismatch
            + "); payment "
            + s.payment().id().orElse("?")
            + " is taken back unless its rail has forgotten it");
    s.ticket().refuse(ticket);
    return takeBack(
        s,
        flow,
        new CenterException(Refusals.TICKET_MISMATCH, "ticket " + ticket + " names " + mismatch));
  }

  private Recovered takeBack(PurchaseSession s, String flow, CenterException refusal) {
    return refunds.takeBack(s, flow, refusal);
  }

  private PaymentMethod method(PurchaseSession s) {
    return methods.get(s.payment().method().orElseThrow());
  }

  private static String reservationOf(PurchaseSession s) {
    return HoldPart.RESERVATION.in(s.facts()).orElse("?");
  }

  private Recovered releaseHold(PurchaseSession s, String flow, Action done) {
    return holds.release(s, flow, done);
  }

  private Recovered close(
      PurchaseSession s, String flow, Map<String, String> extra, Action action, String detail) {
    return closing.close(s, flow, extra, action, detail);
  }

  private Recovered staff(
      PurchaseSession s, String flow, Map<String, String> extra, String detail) {
    return closing.staff(s, flow, extra, detail);
  }

  private Recovered retry(PurchaseSession s, String flow, String detail) {
    return closing.retry(s, flow, detail);
  }
}
