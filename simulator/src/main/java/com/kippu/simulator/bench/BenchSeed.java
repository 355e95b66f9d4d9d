package com.kippu.simulator.bench;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.center.CenterConfig;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.SeatStatus;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.Database;
import com.kippu.center.db.Migrations;
import com.kippu.devices.ChipData;
import com.kippu.devices.PurseApdu;
import com.kippu.simulator.Branch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Puts what thousands of sessions need into a branch before the run: customers whose accounts,
 * cards and e-money never run out, and cheap bench events with enough seats in the center's
 * database, published as an issuer's would be.
 */
final class BenchSeed {
  /** Seats per bench event: a small hall, so each session's seat map stays a realistic size. */
  static final int SEATS_PER_EVENT = 500;

  static final long SEAT_PRICE_YEN = 1_000;

  /** Enough for every session a card sees, on every rail. */
  static final long BALANCE_YEN = 1_000_000_000L;

  static final String EVENT_PREFIX = "bench-";

  private static final int SEATS_PER_ROW = 25;

  /** Concurrent seeders, so the hosts' group commits carry several customers per fsync. */
  private static final int SEEDERS = 8;

  private BenchSeed() {}

  /**
   * Opens the customers' accounts and cards at the bank and the card network, and their IC cards.
   */
  static List<BenchCustomer> customers(Branch branch, int count) throws Exception {
    Path cards = branch.dir().resolve("cards");
    Files.createDirectories(cards);
    List<BenchCustomer> customers = new ArrayList<>();
    ExecutorService seeders = Executors.newFixedThreadPool(SEEDERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        BenchCustomer c = new BenchCustomer(i + 1);
        customers.add(c);
        done.add(seeders.submit(() -> open(branch, cards, c)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      seeders.shutdownNow();
    }
    return customers;
  }

  private static Void open(Branch branch, Path cards, BenchCustomer c) throws Exception {
    CardExpiry expiry = new CardExpiry(BenchCustomer.EXPIRY);
    branch.bank().ledger().openAccount(c.account(), c.name(), BALANCE_YEN);
    branch.bank().issueCashCard(CardNumber.ofCashAccount(c.account()), c.account(), pin());
    branch
        .bank()
        .issueDebitCard(c.cardNumber(AuthorizationRequest.Kind.DEBIT), expiry, c.account(), pin());
    for (AuthorizationRequest.Kind kind :
        List.of(AuthorizationRequest.Kind.CREDIT, AuthorizationRequest.Kind.PREPAID)) {
      branch.network().issueCard(c.cardNumber(kind), kind, expiry, BALANCE_YEN);
    }
    branch.personaliseCard(
        c.cardFile(cards),
        new ChipData(c.cardId(), c.name(), c.account().value(), PurseApdu.MAX_BALANCE_YEN));
    return null;
  }

  private static char[] pin() {
    return BenchCustomer.PIN.toCharArray();
  }

  /**
   * Prepares the center's database in {@code branchDir} before the branch starts its center (which
   * holds the SQLite file's write lock while it runs): the demo catalog, bench events of {@value
   * #SEATS_PER_EVENT} seats at {@value #SEAT_PRICE_YEN} yen, enough for {@code sessions} sessions
   * and a tenth more, and the bench terminal. Returns the events' ids, in sale order.
   */
  static List<EventId> center(Path branchDir, int sessions, TerminalSetup terminal, Clock clock) {
    int seats = sessions + sessions / 10;
    int count = Math.max(1, (seats + SEATS_PER_EVENT - 1) / SEATS_PER_EVENT);
    OffsetDateTime night =
        OffsetDateTime.of(
            clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(60),
            LocalTime.of(19, 0),
            ZoneOffset.ofHours(9));
    List<EventId> ids = new ArrayList<>();
    try (Database db = Database.open(centerStore(branchDir))) {
      Migrations.migrate(db);
      SqlCatalogRepository catalog = new SqlCatalogRepository(db);
      new CatalogSeed(catalog).seedIfEmpty();
      for (int n = 1; n <= count; n++) {
        EventId id = new EventId(EVENT_PREFIX + String.format(Locale.ROOT, "%03d", n));
        catalog.addEvent(
            new Event(
                id,
                CatalogSeed.ISSUER,
                "Bench Night " + n,
                "classical",
                "Kippu Bench Ensemble",
                "Kippu Hall",
                night.plusDays(n)),
            seats(id));
        ids.add(id);
      }
      terminal.registerAtCenter(db, clock);
    }
    return ids;
  }

  private static List<Seat> seats(EventId id) {
    List<Seat> seats = new ArrayList<>();
    for (int i = 0; i < SEATS_PER_EVENT; i++) {
      int row = i / SEATS_PER_ROW + 1;
      int number = i % SEATS_PER_ROW + 1;
      seats.add(
          new Seat(
              id,
              new SeatId("B-" + row + "-" + number),
              "B",
              Integer.toString(row),
              number,
              SEAT_PRICE_YEN,
              SeatStatus.AVAILABLE));
    }
    return seats;
  }

  /** The database of the center a branch in {@code branchDir} runs (as {@link Branch} opens it). */
  private static CenterConfig.Store centerStore(Path branchDir) {
    return CenterConfig.defaults(branchDir.resolve("issuer-center.db")).store();
  }
}
