package com.kippu.center.reservation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.center.TestClock;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.Database;
import com.kippu.center.db.Migrations;
import com.kippu.center.reservation.sql.SqlReservationRepository;
import com.kippu.center.sales.PurchaseService;
import com.kippu.center.sales.sql.SqlPaymentLedger;
import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
 * Issuing a reservation again: idempotent only for the very proof it was issued against; another
 * proof is refused and can pay for nothing afterwards; a proof that bought something else is never
 * answered with the reversal code. On a real database, one subclass per engine.
 */
abstract class RepeatedIssuanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TerminalId ATM_A = new TerminalId("ATM-0001");
  private static final TerminalId ATM_B = new TerminalId("ATM-0002");
  private static final CardId CARD = new CardId("CARD-0001");
  private static final long PRICE = 8_800; // a seat of section A

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private final ExecutorService racers = Executors.newCachedThreadPool();
  private Database db;
  private ReservationService service;
  private PurchaseService purchases;
  private int requests;

  abstract TestStore store();

  @BeforeEach
  void open() {
    db = Database.open(store().create(dir));
    Migrations.migrate(db);
    SqlCatalogRepository catalog = new SqlCatalogRepository(db);
    new CatalogSeed(catalog).seedIfEmpty();
    service =
        new ReservationService(
            catalog,
            new SqlReservationRepository(db),
            new NumberGenerator(),
            clock,
            Duration.ofMinutes(10));
    purchases =
        new PurchaseService(
            service, service, new SqlPaymentLedger(db), com.kippu.center.card.CardStanding.NONE);
  }

  @AfterEach
  void close() {
    racers.shutdownNow();
    if (db != null) {
      db.close();
    }
  }

  /** Holds seat {@code seat} of section A for {@code card}, asked by {@code terminal}. */
  private ReservationNumber hold(TerminalId terminal, CardId card, String seat) {
    Result<Hold> held =
        service.reserve(
            new ReserveCommand(
                terminal,
                new RequestNumber("REQ-" + ++requests),
                CatalogSeed.EVENT,
                List.of(new SeatId(seat)),
                card));
    assertEquals(Outcome.CREATED, held.outcome(), held.message());
    return held.value().reservation().number();
  }

  private static PaymentProof transfer(TerminalId terminal, String acquirer, String rrn, long yen) {
    return new PaymentProof(
        PaymentMethod.ACCOUNT_TRANSFER,
        yen,
        rrn,
        "A1B2C3",
        "000123",
        Instant.parse("2026-12-01T01:02:03Z"),
        acquirer,
        terminal,
        null,
        null);
  }

  private static PaymentProof transfer(String rrn, long yen) {
    return transfer(ATM_A, "000001", rrn, yen);
  }

  private Result<IssuedTicket> issue(ReservationNumber n, CardId card, PaymentProof proof) {
    return purchases.issue(new IssueCommand(n, card, proof));
  }

  private Result<IssuedTicket> issue(ReservationNumber n, PaymentProof proof) {
    return issue(n, CARD, proof);
  }

  /** How the payment table records {@code reference}: use kind and subject, per row. */
  private Set<String> recorded(String reference) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT use_kind, subject, terminal_id, received_by FROM payment"
                      + " WHERE reference = ?")) {
            ps.setString(1, reference);
            Set<String> rows = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    rs.getString(1)
                        + " "
                        + rs.getString(2)
                        + " "
                        + rs.getString(3)
                        + " "
                        + rs.getString(4));
              }
            }
            return rows;
          }
        });
  }

  @Test
  void theSameProofAgainGetsTheSameSignedTicket() {
    ReservationNumber n = hold(ATM_A, CARD, "A-1-1");
    Result<IssuedTicket> first = issue(n, transfer("RRN-1", PRICE));
    Result<IssuedTicket> again = issue(n, transfer("RRN-1", PRICE));
    assertEquals(Outcome.OK, again.outcome(), again.message());
    assertEquals(first.value().ticketNumber(), again.value().ticketNumber());
    assertArrayEquals(first.value().signed().signature(), again.value().signed().signature());
  }

  @Test
  void anotherProofForAnIssuedReservationIsRefusedAndPaysForNothingAfterwards() {
    ReservationNumber n = hold(ATM_A, CARD, "A-1-1");
    IssuedTicket ticket = issue(n, transfer("RRN-1", PRICE)).value();

    Result<IssuedTicket> oneYen = issue(n, transfer("RRN-2", 1));
    assertEquals(Outcome.RESERVATION_ISSUED_OTHER_PAYMENT, oneYen.outcome(), oneYen.message());
    assertEquals("payment", oneYen.field());
    assertEquals(
        Outcome.RESERVATION_ISSUED_OTHER_PAYMENT,
        issue(n, transfer("RRN-2", 1)).outcome(),
        "the same refused request is refused the same way");
    assertEquals(Set.of("REFUSED " + n.value() + " ATM-0001 ISSUER"), recorded("RRN-2"));
    assertEquals(
        Set.of("RESERVATION " + n.value() + " ATM-0001 ISSUER"),
        recorded("RRN-1"),
        "the ticket's payment is untouched");
    assertEquals(
        ticket.ticketNumber(),
        service.find(n).value().ticketNumber().orElseThrow(),
        "the reservation keeps its one ticket");

    ReservationNumber other = hold(ATM_A, CARD, "A-1-2");
    Result<IssuedTicket> reused = issue(other, transfer("RRN-2", 1));
    assertEquals(
        Outcome.PAYMENT_ALREADY_USED,
        reused.outcome(),
        "a proof its terminal is reversing never buys a ticket");
    assertEquals("payment.reference", reused.field());
    assertEquals(ReservationStatus.HELD, service.find(other).value().reservation().status());
  }

  @Test
  void aProofThatBoughtAnotherTicketIsAlreadyUsedNeverToBeReversed() {
    ReservationNumber first = hold(ATM_A, CARD, "A-1-1");
    ReservationNumber second = hold(ATM_A, CARD, "A-1-2");
    assertEquals(Outcome.OK, issue(first, transfer("RRN-1", PRICE)).outcome());
    assertEquals(Outcome.OK, issue(second, transfer("RRN-2", PRICE)).outcome());

    assertEquals(Outcome.PAYMENT_ALREADY_USED, issue(first, transfer("RRN-2", PRICE)).outcome());
    assertEquals(
        Outcome.PAYMENT_ALREADY_USED,
        service.issue(new IssueCommand(first, CARD, transfer("RRN-2", PRICE))).outcome(),
        "the service itself answers so, not only the pre-check");
    assertEquals(Set.of("RESERVATION " + second.value() + " ATM-0001 ISSUER"), recorded("RRN-2"));
  }

  @Test
  void theTicketsReferenceWithOtherDetailsIsAlreadyUsed() {
    ReservationNumber n = hold(ATM_A, CARD, "A-1-1");
    PaymentProof paid = transfer("RRN-1", PRICE);
    assertEquals(Outcome.OK, issue(n, paid).outcome());
    PaymentProof otherApproval =
        new PaymentProof(
            paid.method(),
            paid.amountYen(),
            paid.reference(),
            "Z9Z9Z9",
            paid.stan(),
            paid.paidAt(),
            paid.acquirer(),
            paid.terminalId(),
            null,
            null);
    assertEquals(Outcome.PAYMENT_ALREADY_USED, issue(n, otherApproval).outcome());
    assertEquals(Outcome.PAYMENT_ALREADY_USED, issue(n, transfer("RRN-1", PRICE + 1)).outcome());
    assertEquals(Outcome.OK, issue(n, paid).outcome());
  }

  @Test
  void twoTerminalsOrAcquirersWithTheSameReferenceEachGetTheirTicket() {
    CardId otherCard = new CardId("CARD-0002");
    ReservationNumber atA = hold(ATM_A, CARD, "A-1-1");
    ReservationNumber atB = hold(ATM_B, otherCard, "A-1-2");
    ReservationNumber viaCardNetwork = hold(ATM_A, CARD, "A-1-3");
    String rrn = "633512345678";

    Result<IssuedTicket> a = issue(atA, CARD, transfer(ATM_A, "000001", rrn, PRICE));
    Result<IssuedTicket> b = issue(atB, otherCard, transfer(ATM_B, "000001", rrn, PRICE));
    Result<IssuedTicket> c = issue(viaCardNetwork, CARD, transfer(ATM_A, "000002", rrn, PRICE));
    assertEquals(Outcome.OK, a.outcome(), a.message());
    assertEquals(Outcome.OK, b.outcome(), b.message());
    assertEquals(Outcome.OK, c.outcome(), c.message());
    assertNotEquals(a.value().ticketNumber(), b.value().ticketNumber());
    assertEquals(3, recorded(rrn).size());

    assertEquals(
        Outcome.PAYMENT_ALREADY_USED,
        issue(atA, CARD, transfer(ATM_B, "000001", rrn, PRICE)).outcome(),
        "terminal B's payment bought B's ticket");
  }

  @Test
  void aRepeatWithAnotherProofInAGroupFailsAlone() throws Exception {
    int tickets = 30;
    List<ReservationNumber> holds = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      holds.add(hold(ATM_A, CARD, "A-" + (1 + i / 10) + "-" + (1 + i % 10)));
    }
    ReservationNumber repeated = holds.get(0);
    IssuedTicket first = issue(repeated, transfer("RRN-0", PRICE)).value();

    List<IssueCommand> commands = new ArrayList<>();
    for (int i = 1; i < tickets; i++) {
      commands.add(new IssueCommand(holds.get(i), CARD, transfer("RRN-" + i, PRICE)));
      if (i % 10 == 0) {
        commands.add(new IssueCommand(repeated, CARD, transfer("RRN-X" + i, PRICE)));
        commands.add(new IssueCommand(repeated, CARD, transfer("RRN-0", PRICE)));
      }
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Result<IssuedTicket>>> answers = new ArrayList<>();
    for (IssueCommand cmd : commands) {
      answers.add(
          racers.submit(
              () -> {
                go.await();
                return service.issue(cmd);
              }));
    }
    go.countDown();

    Set<Long> issueNumbers = new HashSet<>();
    for (int k = 0; k < commands.size(); k++) {
      Result<IssuedTicket> r = answers.get(k).get(30, TimeUnit.SECONDS);
      IssueCommand cmd = commands.get(k);
      if (!cmd.number().equals(repeated)) {
        assertEquals(Outcome.OK, r.outcome(), r.message());
        assertTrue(issueNumbers.add(r.value().issueNumber()), "issue number given twice");
      } else if (cmd.payment().reference().equals("RRN-0")) {
        assertEquals(Outcome.OK, r.outcome(), r.message());
        assertEquals(first.ticketNumber(), r.value().ticketNumber());
      } else {
        assertEquals(Outcome.RESERVATION_ISSUED_OTHER_PAYMENT, r.outcome(), r.message());
      }
    }
    assertEquals(
        LongStream.rangeClosed(2, tickets).boxed().collect(Collectors.toSet()),
        issueNumbers,
        "the refusals took no issue number and failed no other issuance");
    assertEquals(Set.of("REFUSED " + repeated.value() + " ATM-0001 ISSUER"), recorded("RRN-X10"));
  }

  @Test
  void anEMoneyValueRecordPaysOnceAndReachesTheIssuer() throws Exception {
    ReservationNumber first = hold(ATM_A, CARD, "A-1-1");
    ReservationNumber second = hold(ATM_A, CARD, "A-1-2");
    Result<IssuedTicket> paid = issue(first, eMoney("TX-1", 7));
    assertEquals(Outcome.OK, paid.outcome(), paid.message());
    assertEquals(Set.of("RESERVATION " + first.value() + " ATM-0001 ISSUER"), recorded("TX-1"));
    JsonNode payment = JSON.readTree(paid.value().signed().payload()).get("payment");
    assertEquals("EMONEY", payment.get("method").asText());
    assertEquals("kippu-purse", payment.get("acquirer").asText());
    assertEquals("7", payment.get("details").get("purseSequence").asText());
    assertEquals("CARD-0001", payment.get("details").get("purseId").asText());

    Result<IssuedTicket> sameRecord = issue(second, eMoney("TX-2", 7));
    assertEquals(
        Outcome.PAYMENT_ALREADY_USED,
        sameRecord.outcome(),
        "one purse value record, whatever transaction names it, pays once");
    assertEquals(Outcome.OK, issue(second, eMoney("TX-2", 8)).outcome());
  }

  private static PaymentProof eMoney(String transaction, long sequence) {
    return PaymentProof.of(
        PaymentMethod.EMONEY,
        PRICE,
        transaction,
        "",
        "",
        Instant.parse("2026-12-01T01:02:03.456Z"),
        "kippu-purse",
        ATM_A,
        Map.of(
            PaymentProof.PURSE_ID,
            CARD.value(),
            PaymentProof.PURSE_SEQUENCE,
            Long.toString(sequence),
            PaymentProof.PURSE_BALANCE_AFTER,
            "1200",
            PaymentProof.PURSE_TRANSACTION_ID,
            transaction));
  }

  @Test
  void aTicketRecordedBeforeAcquirersWereKeptKnowsItsProofAgain() {
    ReservationNumber n = hold(ATM_A, CARD, "A-1-1");
    IssuedTicket ticket = issue(n, transfer("RRN-1", PRICE)).value();
    // What V9 made of a ticket issued before it: no acquirer, terminal, approval code or time.
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE payment SET acquirer = '', terminal_id = '', approval_code = NULL,"
                      + " paid_at = NULL WHERE subject = ?")) {
            ps.setString(1, n.value());
            return ps.executeUpdate();
          }
        });
    Result<IssuedTicket> again = issue(n, transfer("RRN-1", PRICE));
    assertEquals(Outcome.OK, again.outcome(), again.message());
    assertEquals(ticket.ticketNumber(), again.value().ticketNumber());
    assertEquals(
        Outcome.RESERVATION_ISSUED_OTHER_PAYMENT, issue(n, transfer("RRN-2", PRICE)).outcome());
  }
}
