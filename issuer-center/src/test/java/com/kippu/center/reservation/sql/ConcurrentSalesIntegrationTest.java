package com.kippu.center.reservation.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.CenterConfig;
import com.kippu.center.TestClock;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.Database;
import com.kippu.center.db.Migrations;
import com.kippu.center.reservation.BestAvailableCommand;
import com.kippu.center.reservation.BestAvailableHolds;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.IssueCommand;
import com.kippu.center.reservation.IssuedTicket;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.reservation.Outcome;
import com.kippu.center.reservation.PaymentMethod;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.ReservationService;
import com.kippu.center.reservation.ReserveCommand;
import com.kippu.center.reservation.Result;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of terminals racing for the same seats on the real store with real threads, through both
 * hold paths (named seats, best available) and issuance; every claim is checked against counts the
 * database gives, not against what the threads were told. One subclass per engine.
 */
abstract class ConcurrentSalesIntegrationTest {
  private static final int TERMINALS = 200;
  private static final int SEATS = 100; // the seeded concert
  private static final Duration HOLD = Duration.ofMinutes(10);
  private static final int WRITERS = 2;

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private Database db;
  private ReservationService service;
  private BatchedSeatClaims claims;
  private BestAvailableHolds bestAvailable;

  abstract TestStore store();

  @BeforeEach
  void open() {
    db = Database.open(store().create(dir));
    Migrations.migrate(db);
    SqlCatalogRepository catalog = new SqlCatalogRepository(db);
    new CatalogSeed(catalog).seedIfEmpty();
    SqlReservationRepository repository = new SqlReservationRepository(db);
    service = new ReservationService(catalog, repository, new NumberGenerator(), clock, HOLD);
    // Two writers, so batches also race each other, not only the named-seat path.
    claims =
        BatchedSeatClaims.start(db, clock, CenterConfig.SeatClaims.defaults().withWriters(WRITERS));
    bestAvailable =
        new BestAvailableHolds(catalog, repository, claims, new NumberGenerator(), clock, HOLD);
  }

  @AfterEach
  void close() {
    if (claims != null) {
      claims.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void twoHundredTerminalsRaceForNamedSeatsAndEveryPaidOrderIsIssued() throws Exception {
    List<Result<Hold>> holds =
        race(
            i -> {
              // Every seat has single-seat contenders, so each one ends up held by somebody.
              int seat = 1 + i % 10;
              List<String> seats =
                  i % 7 == 0
                      ? List.of("S-1-" + seat, "S-1-" + (1 + (i + 1) % 10))
                      : List.of("S-1-" + seat);
              return () -> service.reserve(named("N-" + i, "ATM-" + i, seats));
            });
    List<Hold> won = new ArrayList<>();
    for (Result<Hold> r : holds) {
      if (r.success()) {
        won.add(r.value());
      } else {
        assertEquals(Outcome.SEAT_UNAVAILABLE, r.outcome(), r.message());
      }
    }
    assertDisjoint(won);
    List<Result<IssuedTicket>> issued = payAll(won);
    issued.forEach(r -> assertEquals(Outcome.OK, r.outcome(), r.message()));

    int seatsWon = won.stream().mapToInt(h -> h.reservation().seats().size()).sum();
    assertEquals(10, seatsWon, "every contested seat went to exactly one terminal");
    assertEquals(won.size(), count("SELECT COUNT(*) FROM ticket"), "a ticket per paid order");
    assertEquals(seatsWon, count("SELECT COUNT(*) FROM seat WHERE status = 'SOLD'"));
    assertEquals(seatsWon, count("SELECT COUNT(*) FROM ticket_seat"));
    assertEquals(0, count("SELECT COUNT(*) FROM seat WHERE status = 'HELD'"));
    assertSoundSeatRows();
  }

  @Test
  void twoHundredTerminalsBuyBestAvailableUntilSoldOut() throws Exception {
    List<List<Hold>> bought =
        race(
            i ->
                () -> {
                  List<Hold> mine = new ArrayList<>();
                  for (int k = 0; ; k++) {
                    Result<Hold> r = bestAvailable.hold(best("B-" + i + "-" + k, i, 1 + i % 3));
                    if (!r.success()) {
                      assertEquals(Outcome.SEAT_UNAVAILABLE, r.outcome(), r.message());
                      return mine;
                    }
                    mine.add(r.value());
                  }
                });
    List<Hold> won = bought.stream().flatMap(List::stream).toList();
    assertDisjoint(won);
    payAll(won).forEach(r -> assertEquals(Outcome.OK, r.outcome(), r.message()));

    int seatsWon = won.stream().mapToInt(h -> h.reservation().seats().size()).sum();
    assertEquals(SEATS, seatsWon, "terminals asking for one seat leave none behind");
    assertEquals(won.size(), count("SELECT COUNT(*) FROM ticket"));
    assertEquals(SEATS, count("SELECT COUNT(*) FROM seat WHERE status = 'SOLD'"));
    assertEquals(SEATS, count("SELECT COUNT(*) FROM ticket_seat"));
    assertSoundSeatRows();
  }

  @Test
  void bestAvailableAndNamedSeatHoldsNeverShareASeat() throws Exception {
    List<Result<Hold>> holds =
        race(
            i ->
                i % 2 == 0
                    ? () -> bestAvailable.hold(best("M-" + i, i, 1))
                    : () -> service.reserve(named("M-" + i, "ATM-" + i, List.of(seatNo(i * 37)))));
    List<Hold> won = new ArrayList<>();
    for (Result<Hold> r : holds) {
      if (r.success()) {
        won.add(r.value());
      } else {
        assertEquals(Outcome.SEAT_UNAVAILABLE, r.outcome(), r.message());
      }
    }
    assertDisjoint(won);
    assertEquals(won.size(), count("SELECT COUNT(*) FROM seat WHERE status = 'HELD'"));
    assertEquals(
        won.size(), count("SELECT COUNT(*) FROM reservation WHERE status = 'HELD'"), "no orphan");
    assertSoundSeatRows();
  }

  @Test
  void aSeatTakenBehindTheAllocatorsBackIsRefusedAndAnotherIsHeld() {
    Hold first = bestAvailable.hold(best("A-1", 1, 1)).value();
    assertEquals(List.of(new SeatId("S-1-1")), first.reservation().seatIds(), "best seat first");
    // The allocator still counts S-1-2 as free; a hold of that named seat takes it first.
    assertEquals(
        Outcome.CREATED, service.reserve(named("A-2", "ATM-2", List.of("S-1-2"))).outcome());
    Hold third = bestAvailable.hold(best("A-3", 3, 1)).value();
    assertEquals(List.of(new SeatId("S-1-3")), third.reservation().seatIds());
    assertSoundSeatRows();
  }

  @Test
  void repeatedBestAvailableRequestReplaysTheSameSignedHold() {
    Hold first = bestAvailable.hold(best("R-1", 7, 2)).value();
    Result<Hold> again = bestAvailable.hold(best("R-1", 7, 2));
    assertEquals(Outcome.CREATED, again.outcome());
    assertEquals(first.reservation().number(), again.value().reservation().number());
    assertArrayEquals(
        first.signedReservation().payload(), again.value().signedReservation().payload());
    assertEquals(Outcome.REQUEST_NUMBER_REUSED, bestAvailable.hold(best("R-1", 7, 3)).outcome());
    assertEquals(2, count("SELECT COUNT(*) FROM seat WHERE status = 'HELD'"));
  }

  private static ReserveCommand named(String request, String terminal, List<String> seats) {
    return new ReserveCommand(
        new TerminalId(terminal),
        new RequestNumber(request),
        CatalogSeed.EVENT,
        seats.stream().map(SeatId::new).toList(),
        new CardId("CARD-" + terminal));
  }

  private static BestAvailableCommand best(String request, int terminal, int quantity) {
    return new BestAvailableCommand(
        new TerminalId("ATM-" + terminal),
        new RequestNumber(request),
        CatalogSeed.EVENT,
        Optional.empty(),
        quantity,
        new CardId("CARD-ATM-" + terminal));
  }

  /** The n-th (mod 100) seat of the seeded map: sections S and A, rows 1-5, seats 1-10. */
  private static String seatNo(int n) {
    int k = Math.floorMod(n, SEATS);
    return (k < 50 ? "S" : "A") + "-" + (1 + (k % 50) / 10) + "-" + (1 + k % 10);
  }

  /** Runs one task per terminal on its own thread, all released at once. */
  private <T> List<T> race(IntFunction<Callable<T>> task) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(TERMINALS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < TERMINALS; i++) {
        Callable<T> c = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return c.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Pays every hold at once, each with its own bank reference, from as many threads. */
  private List<Result<IssuedTicket>> payAll(List<Hold> holds) throws Exception {
    return race(i ->
            i >= holds.size()
                ? () -> null
                : () -> {
                  Hold h = holds.get(i);
                  return service.issue(
                      new IssueCommand(
                          h.reservation().number(),
                          h.reservation().cardId(),
                          new PaymentProof(
                              PaymentMethod.ACCOUNT_TRANSFER,
                              h.reservation().amountYen(),
                              "RRN-" + h.reservation().number().value(),
                              "A1B2C3",
                              "000123",
                              Instant.EPOCH,
                              "000001",
                              new TerminalId("ATM-0001"),
                              null,
                              null)));
                })
        .subList(0, holds.size());
  }

  private static void assertDisjoint(List<Hold> holds) {
    Set<SeatId> seen = new HashSet<>();
    for (Hold h : holds) {
      for (SeatId id : h.reservation().seatIds()) {
        assertTrue(seen.add(id), "seat answered to two reservations: " + id);
      }
    }
  }

  /** No seat in two live reservations; every live reservation's seat row names it. */
  private void assertSoundSeatRows() {
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM (SELECT rs.event_id, rs.seat_id FROM reservation_seat rs"
                + " JOIN reservation r ON r.reservation_number = rs.reservation_number"
                + " WHERE r.status IN ('HELD', 'ISSUED')"
                + " GROUP BY rs.event_id, rs.seat_id HAVING COUNT(*) > 1) twice"),
        "seats in two live reservations");
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM reservation_seat rs"
                + " JOIN reservation r ON r.reservation_number = rs.reservation_number"
                + " JOIN seat s ON s.event_id = rs.event_id AND s.seat_id = rs.seat_id"
                + " WHERE r.status IN ('HELD', 'ISSUED')"
                + " AND (s.reservation_number IS NULL"
                + " OR s.reservation_number <> r.reservation_number)"),
        "seat rows that do not name their reservation");
    assertEquals(
        count("SELECT COUNT(*) FROM seat WHERE status <> 'AVAILABLE'"),
        count(
            "SELECT COUNT(*) FROM reservation_seat rs JOIN reservation r"
                + " ON r.reservation_number = rs.reservation_number"
                + " WHERE r.status IN ('HELD', 'ISSUED')"),
        "taken seats and seats of live reservations");
  }

  private long count(String sql) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
