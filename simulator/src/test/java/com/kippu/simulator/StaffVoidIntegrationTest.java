package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.SqliteJournal;
import com.kippu.atm.ops.JournalView;
import com.kippu.atm.ops.SessionSummary;
import com.kippu.atm.ops.StaffCase;
import com.kippu.atm.ops.StaffQueue;
import com.kippu.simulator.ops.Reconciliation;
import com.kippu.simulator.ops.ReconciliationReport;
import com.kippu.simulator.ops.SettlementReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staff case whose ticket must not stand is settled at the center: a credit-card sale and a
 * transfer sale on a real branch, each then refused by the terminal (the session failed with the
 * ticket refused, the payment left standing); {@code kippu-simulator staff --settle} voids the
 * first through the running branch's center and the second with the branch stopped (its center
 * started for the while). Each void is done once, revokes the ticket, reaches the issuer and leaves
 * reconciliation and settlement in agreement.
 */
class StaffVoidIntegrationTest {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aTicketToVoidIsVoidedOnceAtTheCenterFromTheStaffCommand() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    LocalDate day = LocalDate.now(TOKYO);
    String credit;
    String transfer;
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      DemoRun run = new DemoRun(branch, quiet);
      Demo.find("credit").orElseThrow().play(run);
      Demo.find("transfer").orElseThrow().play(run);
      List<SessionSummary> sold = refuseTheSoldTickets();
      assertEquals(2, sold.size(), sold.toString());
      credit = sold.get(0).id().value();
      transfer = sold.get(1).id().value();
      assertTrue(Files.isRegularFile(dir.resolve(Branch.CENTER_URL_FILE)));

      Ran first = staff("--settle", credit, "--operator", "Sato");
      assertEquals(0, first.code(), first.err());
      String ticket = sold.get(0).fact("ticket").orElseThrow();
      assertTrue(
          first
              .out()
              .contains("settled " + credit + ": ticket " + ticket + " voided at the center"),
          first.out());
      assertTrue(
          first.out().contains("(CREDIT_CARD) refunded to the customer by the operator"),
          "the card company paid the operator, who refunds: " + first.out());

      Ran again = staff("--settle", credit, "--operator", "Suzuki");
      assertNotEquals(0, again.code());
      assertTrue(again.err().contains("was settled already by Sato"), again.err());

      assertTrue(revoked(branch.center().baseUri()).contains(ticket), "gates refuse it");

      Ran metrics = run("metrics", "--grep", "kippu_outbox_backlog");
      assertEquals(0, metrics.code(), metrics.err());
      assertTrue(metrics.out().contains("kippu_outbox_backlog "), metrics.out());
      assertFalse(
          (metrics.out() + metrics.err()).contains(Branch.operatorBearer()), "never printed");
      branch.center().deliverOutbox();
      assertEquals(
          1,
          branch.issuers().received("tokyo-dome-promo", "TICKET_VOID").size(),
          "the issuer hears of the void once");
    }
    assertFalse(Files.exists(dir.resolve(Branch.CENTER_URL_FILE)), "gone with the branch");
    assertEquals(2, run("metrics").code(), "no metrics without the running branch");

    // The branch stopped: its center is started for the void alone.
    Ran stopped = staff("--settle", transfer, "--operator", "Sato");
    assertEquals(0, stopped.code(), stopped.err());
    assertTrue(
        stopped.out().contains("(ACCOUNT_TRANSFER) refunded to the customer by the issuer"),
        stopped.out());
    try (JournalView view = JournalView.open(dir.resolve("journal.db"), TOKYO)) {
      assertTrue(new StaffQueue(view, null, null).cases().isEmpty(), "both cases settled");
    }

    List<Reconciliation.Line> lines = new Reconciliation(dir, Branch.TERMINAL_ID, TOKYO).run(day);
    assertFalse(
        Reconciliation.anyUnexplained(lines),
        String.join("\n", ReconciliationReport.print(Branch.TERMINAL_ID, day, lines, true)));
    SettlementReport.Statement s =
        SettlementReport.settle(dir, Branch.TERMINAL_ID, TOKYO, YearMonth.from(day));
    assertTrue(s.agrees(), String.join("\n", SettlementReport.print(s)));
    assertEquals(
        2, s.payments().stream().filter(p -> p.kind().equals("TICKET_VOID")).count(), "refunds");
    assertEquals(0, s.salesYen(), "both sales voided");
  }

  /**
   * Ends each sold session of the day as the terminal ends a sale whose ticket it refused with the
   * payment left standing (BuyTicket: the center's ticket names something else): FAILED, the ticket
   * refused, for staff.
   */
  private List<SessionSummary> refuseTheSoldTickets() throws Exception {
    Path journal = dir.resolve("journal.db");
    List<SessionSummary> sold;
    try (JournalView view = JournalView.open(journal, TOKYO)) {
      sold =
          view.sessionsOn(LocalDate.now(TOKYO)).stream()
              .filter(s -> s.fact("ticket").isPresent() && s.reference().isPresent())
              .toList();
    }
    try (SqliteJournal j =
        SqliteJournal.open(journal, Clock.systemUTC(), TicketingPlugin.FINAL_STATES)) {
      for (SessionSummary s : sold) {
        Map<String, String> facts = new TreeMap<>(s.facts());
        facts.put("refusedTicket", s.fact("ticket").orElseThrow());
        j.record(s.id(), s.flow(), "FAILED", facts);
      }
    }
    try (JournalView view = JournalView.open(journal, TOKYO)) {
      List<StaffCase> cases = new StaffQueue(view, null, null).cases();
      assertEquals(sold.size(), cases.size(), cases.toString());
      assertTrue(cases.stream().allMatch(c -> c.action() == StaffCase.Action.VOID_TICKET));
    }
    return sold;
  }

  private static List<String> revoked(URI center) throws Exception {
    HttpResponse<String> crl =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(center.resolve("/v1/revocations")).build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode signed = JSON.readTree(crl.body()).get("signedList");
    JsonNode list =
        JSON.readTree(java.util.Base64.getDecoder().decode(signed.get("payload").asText()));
    List<String> subjects = new java.util.ArrayList<>();
    list.get("entries").forEach(e -> subjects.add(e.get("subject").asText()));
    return subjects;
  }

  private record Ran(int code, String out, String err) {}

  private Ran staff(String... args) {
    return run("staff", args);
  }

  /** {@code kippu-simulator COMMAND --dir DIR ARGS...} in this JVM. */
  private Ran run(String command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.out;
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      String[] all = new String[args.length + 3];
      all[0] = command;
      all[1] = "--dir";
      all[2] = dir.toString();
      System.arraycopy(args, 0, all, 3, args.length);
      code = SimulatorMain.commandLine(e).execute(all);
    } finally {
      System.setOut(before);
    }
    return new Ran(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
