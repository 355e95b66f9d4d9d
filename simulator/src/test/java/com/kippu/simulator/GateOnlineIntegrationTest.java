package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.TicketCode;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.gate.GateResult;
import com.kippu.gate.check.Refusal;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gates against the real center over HTTP with a ticket the ATM issued, in its printed form (the QR
 * code text), which no card mark protects: single use rests on each gate's store and, across gates,
 * on the entries they sync.
 */
class GateOnlineIntegrationTest {
  @TempDir Path dir;
  private Branch branch;
  private final PrintStream out = new PrintStream(PrintStream.nullOutputStream());

  @BeforeEach
  void open() throws Exception {
    branch = Branch.open(dir, Clock.systemUTC(), "GATE-IT", Branch.PRESENT_TIMEOUT);
  }

  @AfterEach
  void close() {
    branch.close();
  }

  private EventSummary concert() throws Exception {
    return branch.plugin().center().events().get(0);
  }

  /** Hanako buys a seat; returns the signed ticket as the card holds it. */
  private SignedDocument buy() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    DemoRun run = new DemoRun(branch, out);
    Seat seat = run.firstFreeSeat(concert().eventId());
    SessionOutcome bought =
        run.session(
            hanako,
            run.customer()
                .on("select-event", concert().eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-payment", "transfer"));
    assertEquals(SessionOutcome.Result.COMPLETED, bought.result(), bought.detail());
    branch.insertCard(hanako);
    try {
      List<SignedDocument> tickets =
          TicketCard.tickets(
              branch.plugin().tickets().read(branch.plugin().card(), new CardId("KC-10001")));
      return tickets.get(tickets.size() - 1);
    } finally {
      branch.removeCard();
    }
  }

  private GateStation gate(String id, String url) throws Exception {
    GateStation g = GateStation.install(branch, id, concert(), center(), out);
    g.sync();
    return url == null || !url.equals(center()) ? g.relink(url) : g;
  }

  private String center() {
    return branch.center().baseUri().toString();
  }

  private static byte[] paper(SignedDocument ticket) {
    return TicketCode.encode(ticket).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aPrintedTicketUsedOfflineAtGateAIsRefusedAtGateBOnceASynced() throws Exception {
    byte[] ticket = paper(buy());
    try (GateStation b = gate("GATE-B", center())) {
      GateStation a = gate("GATE-A", null);
      try {
        assertTrue(a.gate().lane().presentPaper(ticket).admitted(), "gate A, offline");
        assertEquals(
            Optional.of(Refusal.ALREADY_USED),
            a.gate().lane().presentPaper(ticket).refusal(),
            "gate A's own store");
        a = a.relink(center());
        List<String> report = a.sync();
        assertTrue(report.stream().anyMatch(l -> l.endsWith("entry sent")), report.toString());

        GateResult atB = b.gate().lane().presentPaper(ticket);

        assertEquals(Optional.of(Refusal.ALREADY_USED), atB.refusal(), atB.toString());
        assertTrue(atB.online());
        assertTrue(atB.detail().contains("GATE-A"), atB.detail());
      } finally {
        a.close();
      }
    }
  }

  @Test
  void twoGatesAdmittingTheSamePrintedTicketOfflineIsReportedAtSync() throws Exception {
    byte[] ticket = paper(buy());
    GateStation a = gate("GATE-A", null);
    GateStation b = gate("GATE-B", null);
    try {
      assertTrue(a.gate().lane().presentPaper(ticket).admitted());
      assertTrue(b.gate().lane().presentPaper(ticket).admitted(), "B cannot know, offline");
      a = a.relink(center());
      b = b.relink(center());
      a.sync();
      List<String> report = b.sync();
      assertTrue(
          report.stream().anyMatch(l -> l.contains("is USED (entry at gate GATE-A)")),
          report.toString());
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void aTicketTheCenterHasVoidedIsRefusedOnline() throws Exception {
    SignedDocument signed = buy();
    try (GateStation b = gate("GATE-B", center())) {
      new GateCenterCalls(branch).reportLost("hanako01", "482700", Branch.CUSTOMERS.get(0));
      // The gate has not synced the new list: the issuer's record refuses it all the same.
      GateResult r = b.gate().lane().presentPaper(paper(signed));
      assertEquals(Optional.of(Refusal.TICKET_VOIDED), r.refusal(), r.toString());
      assertTrue(r.online());
    }
  }
}
