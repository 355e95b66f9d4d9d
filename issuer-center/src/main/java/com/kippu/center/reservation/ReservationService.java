package com.kippu.center.reservation;

import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.Issuer;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.db.StoreException;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.signing.SigningKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds, cancels, expires and issues reservations. Each operation checks the reservation's state
 * and changes it inside one write transaction, so expiry (lazy or swept) and issuance can never
 * both act on the same hold. Catalog data (event, issuer, key) is read before that transaction
 * opens, so a write never waits for a second connection while holding locks. Business failures come
 * back as {@link Outcome}s.
 */
public final class ReservationService {
  /** Expiries handled per sweep; the rest wait for the next sweep or lazy check. */
  static final int SWEEP_BATCH = 500;

  /** Issuances committed together at most (see {@link #issue}). */
  static final int ISSUE_GROUP = 64;

  /**
   * How long an issuance may wait for its group before it fails unwritten: well inside a terminal's
   * own timeout, after which the terminal reverses the payment.
   */
  static final Duration ISSUE_MAX_WAIT = Duration.ofSeconds(5);

  private final CatalogRepository catalog;
  private final ReservationRepository reservations;
  private final NumberGenerator numbers;
  private final Clock clock;
  private final Duration holdDuration;
  private final GroupWrite<PendingIssue, Result<IssuedTicket>> issuing;
  private final Sellers sellers;

  public ReservationService(
      CatalogRepository catalog,
      ReservationRepository reservations,
      NumberGenerator numbers,
      Clock clock,
      Duration holdDuration) {
    if (holdDuration.isNegative() || holdDuration.isZero()) {
      throw new IllegalArgumentException("hold duration must be positive");
    }
    this.catalog = catalog;
    this.reservations = reservations;
    this.numbers = numbers;
    this.clock = clock;
    this.holdDuration = holdDuration;
    this.sellers = new Sellers(catalog, clock, BestAvailableHolds.CATALOG_TTL);
    this.issuing =
        new GroupWrite<>(
            ISSUE_GROUP,
            ISSUE_MAX_WAIT,
            p -> p.cmd().number(),
            this::issueGroup,
            p -> reservations.write(store -> issueIn(store, p, now())),
            ReservationService::itemMayBeAtFault);
  }

  /** Holds the seats, or replays the earlier answer to the same (terminal, request number). */
  public Result<Hold> reserve(ReserveCommand cmd) {
    Optional<Event> event = catalog.event(cmd.eventId());
    if (event.isEmpty()) {
      return Result.failed(Outcome.EVENT_NOT_FOUND, "no event " + cmd.eventId(), "eventId");
    }
    Issuer issuer = issuer(event.get().issuerId());
    SigningKey key = signingKey(issuer.issuerId());
    Instant now = now();
    try {
      return reservations.write(store -> reserveIn(store, cmd, event.get(), issuer, key, now));
    } catch (SeatConflictException e) {
      return Result.seatsFailed(Outcome.SEAT_UNAVAILABLE, "seats already taken", e.seatIds());
    }
  }

  private Result<Hold> reserveIn(
      ReservationStore store,
      ReserveCommand cmd,
      Event event,
      Issuer issuer,
      SigningKey key,
      Instant now) {
    Optional<Reservation> previous = store.findByRequest(cmd.terminalId(), cmd.requestNumber());
    if (previous.isPresent()) {
      return replay(store, previous.get(), cmd, issuer, now);
    }
    expireOverdue(store, now, SWEEP_BATCH); // lapsed holds must not block these seats
    Map<SeatId, Seat> found =
        store.seats(cmd.eventId(), cmd.seatIds()).stream()
            .collect(Collectors.toMap(Seat::seatId, Function.identity()));
    List<SeatId> missing = cmd.seatIds().stream().filter(id -> !found.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      return Result.seatsFailed(
          Outcome.SEAT_NOT_FOUND, "no such seats in " + cmd.eventId() + ": " + missing, missing);
    }
    List<SeatId> taken = cmd.seatIds().stream().filter(id -> !found.get(id).available()).toList();
    if (!taken.isEmpty()) {
      return Result.seatsFailed(Outcome.SEAT_UNAVAILABLE, "seats not available: " + taken, taken);
    }
    List<ReservedSeat> seats = new ArrayList<>();
    cmd.seatIds().forEach(id -> seats.add(ReservedSeat.of(found.get(id))));
    Reservation hold =
        Reservation.hold(
            freshNumber(store),
            cmd.terminalId(),
            cmd.requestNumber(),
            cmd.cardId(),
            cmd.eventId(),
            issuer.issuerId(),
            seats,
            now,
            now.plus(holdDuration));
    SignedDocument signed = key.sign(SignedPayloads.reservation(hold, issuer, event));
    store.insert(hold, signed);
    store.holdSeats(hold);
    return Result.created(new Hold(hold, issuer, signed));
  }

  private Result<Hold> replay(
      ReservationStore store,
      Reservation previous,
      ReserveCommand cmd,
      Issuer issuer,
      Instant now) {
    if (!previous.sameRequest(cmd.eventId(), cmd.cardId(), cmd.seatIds())) {
      return Result.failed(
          Outcome.REQUEST_NUMBER_REUSED,
          "request number " + cmd.requestNumber() + " was used for a different reservation",
          "requestNumber");
    }
    Reservation current = expireIfOverdue(store, previous, now);
    return Result.created(new Hold(current, issuer, store.signedReservation(current.number())));
  }

  private ReservationNumber freshNumber(ReservationStore store) {
    ReservationNumber number = numbers.reservationNumber();
    while (store.exists(number)) {
      number = numbers.reservationNumber();
    }
    return number;
  }

  /** The reservation a terminal's request number made, if any (a repeat of that request). */
  public Optional<ReservationNumber> byRequest(TerminalId terminal, RequestNumber request) {
    return reservations
        .read(store -> store.findByRequest(terminal, request))
        .map(Reservation::number);
  }

  /** The reservation as of now; a lapsed hold is expired first (lazy expiry). */
  public Result<ReservationState> find(ReservationNumber number) {
    Instant now = now();
    Optional<Reservation> found = reservations.read(store -> store.find(number));
    if (found.isEmpty()) {
      return notFound(number);
    }
    if (!found.get().isOverdue(now)) {
      return Result.ok(reservations.read(store -> state(store, found.get())));
    }
    return reservations.write(
        store ->
            store
                .find(number)
                .map(r -> Result.ok(state(store, expireIfOverdue(store, r, now))))
                .orElseGet(() -> notFound(number)));
  }

  private static ReservationState state(ReservationStore store, Reservation r) {
    Optional<TicketNumber> ticket =
        r.status() == ReservationStatus.ISSUED
            ? store.ticket(r.number()).map(IssuedTicket::ticketNumber)
            : Optional.empty();
    return new ReservationState(r, ticket);
  }

  /** Releases a hold. Cancelling a closed (cancelled or expired) reservation changes nothing. */
  public Result<Reservation> cancel(ReservationNumber number, String reason) {
    Instant now = now();
    return reservations.write(
        store -> {
          Optional<Reservation> found = store.find(number);
          if (found.isEmpty()) {
            return notFound(number);
          }
          Reservation r = found.get();
          switch (r.status()) {
            case ISSUED:
              return Result.failed(
                  Outcome.RESERVATION_ISSUED, "reservation " + number + " is already issued");
            case CANCELLED:
            case EXPIRED:
              return Result.ok(r);
            default:
              Reservation cancelled = r.cancel();
              store.updateStatus(cancelled, now, reason);
              store.releaseSeats(cancelled);
              return Result.ok(cancelled);
          }
        });
  }

  /**
   * Issues the ticket against a payment proof. Idempotent for that proof: once issued, every later
   * call with the same proof returns the same signed ticket bytes, and any other proof is refused
   * ({@link RepeatedIssuance}).
   *
   * <p>Concurrent issuances are committed together ({@link GroupWrite}): each ticket takes the next
   * number of its issuer's gap-free issue-number row, and that row stays locked until the commit,
   * so one transaction per ticket would sell at most one ticket per commit of the whole center. A
   * group that fails is run again one issuance at a time, so each answer is what it would have been
   * alone.
   */
  public Result<IssuedTicket> issue(IssueCommand cmd) {
    Optional<Reservation> seen = reservations.read(store -> store.find(cmd.number()));
    if (seen.isEmpty()) {
      return notFound(cmd.number());
    }
    // A reservation's event and issuer never change: what it sells can be looked up up front, as
    // the best-available holds do (a renamed title or a new key shows within a second).
    Sellers.Seller seller =
        sellers
            .of(seen.get().eventId())
            .orElseThrow(() -> new IllegalStateException("event gone: " + seen.get().eventId()));
    if (!seller.issuer().issuerId().equals(seen.get().issuerId())) {
      throw new IllegalStateException(
          "reservation " + cmd.number() + " names another issuer than its event");
    }
    return issuing.submit(new PendingIssue(cmd, seller.event(), seller.issuer(), seller.key()));
  }

  /** An issuance with what was looked up before its transaction. */
  private record PendingIssue(IssueCommand cmd, Event event, Issuer issuer, SigningKey key) {}

  /**
   * Issues a group in one transaction, locking rows in one order whatever the order of arrival: the
   * reservations by number, then the issuers' counters by issuer id (as the sweeper locks
   * reservations by number too), so groups, sweeps and center nodes do not wait for each other in a
   * circle. The answers go back in the order asked. A group never holds one reservation twice
   * ({@link GroupWrite} keeps a repeat for the next group, where it sees the ticket).
   */
  private List<Result<IssuedTicket>> issueGroup(List<PendingIssue> group) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> group.get(i).cmd().number().value()));
    return reservations.write(
        store -> {
          Instant now = now();
          List<Result<IssuedTicket>> answers =
              new ArrayList<>(Collections.nCopies(group.size(), null));
          List<Integer> toIssue = new ArrayList<>();
          List<Reservation> held = new ArrayList<>();
          Set<ReservationNumber> numbers = new HashSet<>();
          for (int i : order) {
            PendingIssue p = group.get(i);
            if (!numbers.add(p.cmd().number())) {
              throw new IllegalStateException("reservation " + p.cmd().number() + " twice");
            }
            Decision d = decide(store, p, now);
            if (d.answer() != null) {
              answers.set(i, d.answer());
            } else {
              toIssue.add(i);
              held.add(d.held());
            }
          }
          List<IssuedTicket> tickets = issueTickets(store, group, toIssue, held, now);
          for (int k = 0; k < toIssue.size(); k++) {
            answers.set(toIssue.get(k), Result.ok(tickets.get(k)));
          }
          return answers;
        });
  }

  /**
   * Issues the group's reservations that passed their checks, in lock order: one issue-number block
   * per issuer, one read of the signed reservations, then every row in batched statements.
   */
  private List<IssuedTicket> issueTickets(
      ReservationStore store,
      List<PendingIssue> group,
      List<Integer> toIssue,
      List<Reservation> held,
      Instant now) {
    if (toIssue.isEmpty()) {
      return List.of();
    }
    Map<IssuerId, Long> perIssuer = new TreeMap<>(Comparator.comparing(IssuerId::value));
    for (int i : toIssue) {
      perIssuer.merge(group.get(i).issuer().issuerId(), 1L, Long::sum);
    }
    Map<IssuerId, Long> nextNumber = new HashMap<>();
    perIssuer.forEach(
        (issuer, count) ->
            nextNumber.put(issuer, store.nextIssueNumbers(issuer, count.intValue())));
    Map<ReservationNumber, SignedDocument> signed =
        store.signedReservations(held.stream().map(Reservation::number).toList());
    List<ReservationStore.Issue> issues = new ArrayList<>();
    for (int k = 0; k < toIssue.size(); k++) {
      PendingIssue p = group.get(toIssue.get(k));
      Reservation r = held.get(k);
      long issueNumber = nextNumber.merge(p.issuer().issuerId(), 1L, Long::sum) - 1;
      SignedDocument reservationInfo = signed.get(r.number());
      if (reservationInfo == null) {
        throw new IllegalStateException("no signed reservation " + r.number());
      }
      issues.add(ticketFor(r, p, issueNumber, reservationInfo, now));
    }
    store.issue(issues);
    return issues.stream().map(ReservationStore.Issue::ticket).toList();
  }

  /**
   * Whether a failed group is worth running one item at a time: when the failure may be one item's
   * doing (integrity or data error, a deadlock or serialization failure that single, smaller
   * transactions avoid, or an item's own code refusing), not the database being away.
   */
  static boolean itemMayBeAtFault(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
          // SQLite gives no SQLSTATE: its primary result codes TOOBIG, CONSTRAINT, MISMATCH, RANGE.
          int primary = sql.getErrorCode() & 0xff;
          return primary == 18 || primary == 19 || primary == 20 || primary == 25;
        }
        return state.startsWith("23") || state.startsWith("22") || state.startsWith("40");
      }
    }
    return !(e instanceof StoreException);
  }

  /** The checks before a ticket: either a final answer or the reservation to issue. */
  private record Decision(Result<IssuedTicket> answer, Reservation held) {}

  private Result<IssuedTicket> issueIn(ReservationStore store, PendingIssue p, Instant now) {
    Decision d = decide(store, p, now);
    if (d.answer() != null) {
      return d.answer();
    }
    return Result.ok(issueTickets(store, List.of(p), List.of(0), List.of(d.held()), now).get(0));
  }

  /** Locks the reservation and decides: issued already, refused, or to be issued now. */
  private Decision decide(ReservationStore store, PendingIssue p, Instant now) {
    IssueCommand cmd = p.cmd();
    Optional<Reservation> found = store.find(cmd.number());
    if (found.isEmpty()) {
      return new Decision(notFound(cmd.number()), null);
    }
    if (!found.get().cardId().equals(cmd.cardId())) {
      return new Decision(
          Result.failed(
              Outcome.CARD_MISMATCH,
              "reservation " + cmd.number() + " is for another card",
              "cardId"),
          null);
    }
    if (found.get().status() == ReservationStatus.ISSUED) {
      return new Decision(RepeatedIssuance.answer(store, cmd, now), null);
    }
    // Expiry and issuance are decided here, in the same write transaction (no sweeper race).
    Reservation r = expireIfOverdue(store, found.get(), now);
    if (r.status() == ReservationStatus.EXPIRED) {
      return new Decision(
          Result.failed(
              Outcome.RESERVATION_EXPIRED,
              "reservation " + r.number() + " expired at " + r.expiresAt()),
          null);
    }
    if (r.status() == ReservationStatus.CANCELLED) {
      return new Decision(
          Result.failed(
              Outcome.RESERVATION_CANCELLED, "reservation " + r.number() + " was cancelled"),
          null);
    }
    PaymentProof payment = cmd.payment();
    if (payment.amountYen() != r.amountYen()) {
      return new Decision(
          Result.failed(
              Outcome.AMOUNT_MISMATCH,
              "paid " + payment.amountYen() + " yen, reservation amount is " + r.amountYen(),
              "payment.amountYen"),
          null);
    }
    return new Decision(null, r);
  }

  /** The signed ticket for {@code held}, embedding its signed reservation info (S1 ¶61). */
  private ReservationStore.Issue ticketFor(
      Reservation held,
      PendingIssue p,
      long issueNumber,
      SignedDocument signedReservation,
      Instant now) {
    Reservation issued = held.issue(now);
    TicketNumber ticketNumber = numbers.ticketNumber();
    PaymentProof payment = p.cmd().payment();
    byte[] payload =
        SignedPayloads.ticket(
            ticketNumber,
            issueNumber,
            p.issuer(),
            now,
            issued,
            p.event(),
            payment,
            signedReservation.payload());
    IssuedTicket ticket =
        new IssuedTicket(
            ticketNumber,
            issueNumber,
            held.number(),
            p.issuer().issuerId(),
            held.cardId(),
            now,
            p.key().sign(payload));
    return new ReservationStore.Issue(issued, ticket, payment);
  }

  /** Expires lapsed holds and releases their seats; returns how many were expired. */
  public int sweepExpired() {
    Instant now = now();
    return reservations.write(store -> expireOverdue(store, now, SWEEP_BATCH));
  }

  private static int expireOverdue(ReservationStore store, Instant now, int limit) {
    int expired = 0;
    // Locked in number order, as issuance groups lock them (no circle of waits between the two).
    List<ReservationNumber> overdue = new ArrayList<>(store.overdueHolds(now, limit));
    overdue.sort(Comparator.comparing(ReservationNumber::value));
    for (ReservationNumber number : overdue) {
      Optional<Reservation> r = store.find(number);
      if (r.isPresent() && expireIfOverdue(store, r.get(), now) != r.get()) {
        expired++;
      }
    }
    return expired;
  }

  /** Returns the reservation unchanged unless it is a lapsed hold, which is expired here. */
  static Reservation expireIfOverdue(ReservationStore store, Reservation r, Instant now) {
    if (!r.isOverdue(now)) {
      return r;
    }
    Reservation expired = r.expire(now);
    store.updateStatus(expired, now, null);
    store.releaseSeats(expired);
    return expired;
  }

  private Issuer issuer(IssuerId issuerId) {
    return catalog
        .issuer(issuerId)
        .orElseThrow(() -> new IllegalStateException("catalog names unknown issuer " + issuerId));
  }

  private SigningKey signingKey(IssuerId issuerId) {
    return catalog
        .signingKey(issuerId)
        .orElseThrow(() -> new IllegalStateException("issuer " + issuerId + " has no key"));
  }

  private static <T> Result<T> notFound(ReservationNumber number) {
    return Result.failed(Outcome.RESERVATION_NOT_FOUND, "no reservation " + number);
  }

  /** Millisecond precision: what the store keeps, so reloaded times compare equal. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
