package com.kippu.center.reservation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.TestClock;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.SeatStatus;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.Database;
import com.kippu.center.db.Migrations;
import com.kippu.center.db.StoreException;
import com.kippu.center.reservation.sql.SqlReservationRepository;
import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a real database with a hand-moved clock; one subclass per engine ({@link
 * SqliteReservationServiceTest}, {@link PostgresReservationServiceTest}) runs every case.
 */
abstract class ReservationServiceTest {
  private static final Duration HOLD = Duration.ofMinutes(10);

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private Database db;
  private SqlCatalogRepository catalog;
  private ReservationService service;
  private final ExecutorService racers = Executors.newCachedThreadPool();

  /** The engine this run uses. */
  abstract TestStore store();

  @BeforeEach
  void open() {
    db = Database.open(store().create(dir));
    assertEquals(Migrations.latestVersion(), Migrations.migrate(db));
    assertEquals(
        Migrations.latestVersion(), Migrations.migrate(db), "re-running migrations is a no-op");
    catalog = new SqlCatalogRepository(db);
    new CatalogSeed(catalog).seedIfEmpty();
    service =
        new ReservationService(
            catalog, new SqlReservationRepository(db), new NumberGenerator(), clock, HOLD);
  }

  @AfterEach
  void close() {
    racers.shutdownNow();
    if (db != null) {
      db.close();
    }
  }

  private static ReserveCommand command(String request, String... seats) {
    return new ReserveCommand(
        new TerminalId("ATM-0001"),
        new RequestNumber(request),
        CatalogSeed.EVENT,
        List.of(seats).stream().map(SeatId::new).toList(),
        new CardId("CARD-0001"));
  }

  /** A payment with its own bank reference: one reference pays for one reservation only. */
  private static PaymentProof paid(long yen, ReservationNumber forReservation) {
    return transfer(yen, "RRN-" + forReservation.value());
  }

  private static PaymentProof paid(long yen) {
    return transfer(yen, "123456789012");
  }

  private static PaymentProof transfer(long yen, String reference) {
    return new PaymentProof(
        PaymentMethod.ACCOUNT_TRANSFER,
        yen,
        reference,
        "A1B2C3",
        "000123",
        Instant.EPOCH,
        "000001",
        new TerminalId("ATM-0001"),
        null,
        null);
  }

  private SeatStatus seat(String id) {
    return catalog.seats(CatalogSeed.EVENT, clock.instant()).orElseThrow().stream()
        .filter(s -> s.seatId().value().equals(id))
        .findFirst()
        .orElseThrow()
        .status();
  }

  @Test
  void seedIsLoadedOnce() {
    assertEquals(false, new CatalogSeed(catalog).seedIfEmpty());
    assertEquals(100, catalog.seats(CatalogSeed.EVENT, clock.instant()).orElseThrow().size());
  }

  @Test
  void retryReturnsTheSameSignedReservation() {
    Result<Hold> first = service.reserve(command("REQ-1", "A-1-1"));
    Result<Hold> retry = service.reserve(command("REQ-1", "A-1-1"));
    assertEquals(Outcome.CREATED, retry.outcome());
    assertEquals(first.value().reservation().number(), retry.value().reservation().number());
    assertArrayEquals(
        first.value().signedReservation().payload(), retry.value().signedReservation().payload());
    assertEquals(
        Outcome.REQUEST_NUMBER_REUSED, service.reserve(command("REQ-1", "A-1-2")).outcome());
  }

  @Test
  void lapsedHoldIsExpiredLazilyAndFreesItsSeats() {
    ReservationNumber number =
        service.reserve(command("REQ-1", "A-1-1")).value().reservation().number();
    assertEquals(SeatStatus.HELD, seat("A-1-1"));
    clock.advance(HOLD);
    assertEquals(SeatStatus.AVAILABLE, seat("A-1-1"), "listing ignores lapsed holds");
    assertEquals(ReservationStatus.EXPIRED, service.find(number).value().reservation().status());
    assertEquals(Outcome.CREATED, service.reserve(command("REQ-2", "A-1-1")).outcome());
    Result<IssuedTicket> late =
        service.issue(new IssueCommand(number, new CardId("CARD-0001"), paid(8_800)));
    assertEquals(Outcome.RESERVATION_EXPIRED, late.outcome());
  }

  @Test
  void sweeperExpiresOnlyLapsedHolds() {
    ReservationNumber issued =
        service.reserve(command("REQ-1", "A-1-1")).value().reservation().number();
    service.reserve(command("REQ-2", "A-1-2"));
    assertEquals(
        Outcome.OK,
        service.issue(new IssueCommand(issued, new CardId("CARD-0001"), paid(8_800))).outcome());
    assertEquals(0, service.sweepExpired(), "nothing lapsed yet");
    clock.advance(HOLD.plusSeconds(1));
    assertEquals(1, service.sweepExpired());
    assertEquals(SeatStatus.SOLD, seat("A-1-1"));
    assertEquals(SeatStatus.AVAILABLE, seat("A-1-2"));
    assertEquals(ReservationStatus.ISSUED, service.find(issued).value().reservation().status());
  }

  @Test
  void issuedReservationCannotBeCancelled() {
    ReservationNumber n = service.reserve(command("REQ-1", "S-2-3")).value().reservation().number();
    service.issue(new IssueCommand(n, new CardId("CARD-0001"), paid(12_000)));
    assertEquals(Outcome.RESERVATION_ISSUED, service.cancel(n, "customer left").outcome());
  }

  @Test
  void wrongCardIsRefused() {
    ReservationNumber n = service.reserve(command("REQ-1", "S-2-3")).value().reservation().number();
    Result<IssuedTicket> r =
        service.issue(new IssueCommand(n, new CardId("CARD-9999"), paid(12_000)));
    assertEquals(Outcome.CARD_MISMATCH, r.outcome());
    assertEquals("cardId", r.field());
  }

  /** Holds {@code count} seats of section A, one reservation each. */
  private List<ReservationNumber> holdSectionA(int count) {
    List<ReservationNumber> holds = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      holds.add(
          service
              .reserve(command("REQ-" + i, "A-" + (1 + (i - 1) / 10) + "-" + (1 + (i - 1) % 10)))
              .value()
              .reservation()
              .number());
    }
    return holds;
  }

  /** Sends every command at once, each from its own thread; the answers in order. */
  private List<Future<Result<IssuedTicket>>> issueAtOnce(List<IssueCommand> commands) {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Result<IssuedTicket>>> issued = new ArrayList<>();
    for (IssueCommand cmd : commands) {
      issued.add(
          racers.submit(
              () -> {
                go.await();
                return service.issue(cmd);
              }));
    }
    go.countDown();
    return issued;
  }

  private static IssueCommand paidFor(ReservationNumber n, ReservationNumber payer) {
    return new IssueCommand(n, new CardId("CARD-0001"), paid(8_800, payer));
  }

  @Test
  void concurrentIssuanceHandsOutEachIssueNumberOnce() throws Exception {
    int tickets = 20;
    List<Future<Result<IssuedTicket>>> issued =
        issueAtOnce(holdSectionA(tickets).stream().map(n -> paidFor(n, n)).toList());
    Set<Long> issueNumbers = new HashSet<>();
    for (Future<Result<IssuedTicket>> f : issued) {
      Result<IssuedTicket> r = f.get(30, TimeUnit.SECONDS);
      assertEquals(Outcome.OK, r.outcome(), r.message());
      assertTrue(issueNumbers.add(r.value().issueNumber()), "issue number given twice");
    }
    assertEquals(
        LongStream.rangeClosed(1, tickets).boxed().collect(Collectors.toSet()), issueNumbers);
  }

  @Test
  void aFailingIssuanceDoesNotTakeConcurrentOnesDownWithIt() throws Exception {
    int tickets = 40;
    List<ReservationNumber> holds = holdSectionA(tickets);
    // Of the first ten, every odd reservation pays with the proof of the one before it: of each
    // pair exactly one may be issued (the payment reference is unique), whichever commits first.
    List<IssueCommand> commands = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      commands.add(paidFor(holds.get(i), i < 10 && i % 2 == 1 ? holds.get(i - 1) : holds.get(i)));
    }
    Set<Long> issueNumbers = new HashSet<>();
    int refused = 0;
    for (Future<Result<IssuedTicket>> f : issueAtOnce(commands)) {
      try {
        Result<IssuedTicket> r = f.get(30, TimeUnit.SECONDS);
        assertEquals(Outcome.OK, r.outcome(), r.message());
        assertTrue(issueNumbers.add(r.value().issueNumber()), "issue number given twice");
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof StoreException, e.getCause().toString());
        refused++;
      }
    }
    assertEquals(5, refused, "one of each of the five pairs sharing a payment");
    assertEquals(
        LongStream.rangeClosed(1, tickets - 5).boxed().collect(Collectors.toSet()),
        issueNumbers,
        "refused issuances leave no gap in the issue numbers");
    long sold =
        db.read(
            c -> {
              try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ticket_seat");
                  var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
    assertEquals(tickets - 5, sold);
  }

  @Test
  void concurrentRetriesOfOneIssuanceAllGetTheSameTicket() throws Exception {
    ReservationNumber n = holdSectionA(1).get(0);
    Set<String> tickets = new HashSet<>();
    for (Future<Result<IssuedTicket>> f : issueAtOnce(Collections.nCopies(12, paidFor(n, n)))) {
      Result<IssuedTicket> r = f.get(30, TimeUnit.SECONDS);
      assertEquals(Outcome.OK, r.outcome(), r.message());
      tickets.add(
          r.value().ticketNumber().value()
              + "/"
              + HexFormat.of().formatHex(r.value().signed().signature()));
    }
    assertEquals(1, tickets.size(), "one ticket, the same signed bytes for every retry");
    assertEquals(SeatStatus.SOLD, seat("A-1-1"));
  }

  @Test
  void databaseRejectsASecondSaleOfTheSameSeat() {
    ReservationNumber n = service.reserve(command("REQ-1", "S-1-1")).value().reservation().number();
    service.issue(new IssueCommand(n, new CardId("CARD-0001"), paid(12_000)));
    // Simulates buggy code that skips every check: the ticket_seat key still says no.
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                db.write(
                    c -> {
                      try (PreparedStatement ps =
                          c.prepareStatement(
                              "INSERT INTO ticket_seat (event_id, seat_id, ticket_number)"
                                  + " SELECT event_id, seat_id, ticket_number FROM ticket_seat")) {
                        return ps.executeUpdate();
                      }
                    }));
    assertTrue(
        e.getMessage().contains("constraint") || e.getMessage().contains("UNIQUE"), e.getMessage());
  }
}
