package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.atm.gate.TicketInspector;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The scripted F5 demo: one customer buys a seat by account transfer and gets the ticket on the
 * card; a second cannot pay (51), is returned to the choice of payment and cancels. Every check
 * that fails is listed and makes the demo exit non-zero.
 */
final class Demo {
  private final Branch branch;
  private final PrintStream out;
  private static final Logger LOG = Logger.getLogger(Demo.class.getName());

  private final List<String> failures = new ArrayList<>();
  private Optional<String> ticket = Optional.empty();
  private Optional<Path> receipt = Optional.empty();
  private Path cardView;

  Demo(Branch branch, PrintStream out) {
    this.branch = branch;
    this.out = out;
  }

  /** Runs the demo; returns the process exit code. */
  int run() {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    Branch.Customer taro = Branch.CUSTOMERS.get(1);
    out.printf(
        "Branch up in %s%n  bank host  tcp://127.0.0.1:%d (jPOS, SQLite ledger)%n  center    %s%n  devices   %s%n",
        branch.dir(),
        branch.bank().port(),
        branch.center().baseUri(),
        branch.dir().resolve("jpos.xml"));
    out.println("  device self test:");
    branch.selfTest().forEach(r -> out.println("  " + r.line()));
    long hanakoBefore = branch.bank().ledger().balance(hanako.account());
    long taroBefore = branch.bank().ledger().balance(taro.account());
    long issuerBefore = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);

    heading("1. " + hanako.name() + " buys a ticket by account transfer (F5)");
    step("step 1", () -> buy(hanako, issuerBefore));
    heading(
        "2. "
            + taro.name()
            + " cannot pay (response 51), returns to the payment choice and cancels");
    step("step 2", () -> declined(taro));

    heading("Summary");
    out.printf(
        "  %-28s %,12d -> %,12d JPY%n",
        hanako.name() + " " + hanako.account().masked(),
        hanakoBefore,
        branch.bank().ledger().balance(hanako.account()));
    out.printf(
        "  %-28s %,12d -> %,12d JPY%n",
        taro.name() + " " + taro.account().masked(),
        taroBefore,
        branch.bank().ledger().balance(taro.account()));
    out.printf(
        "  %-28s %,12d -> %,12d JPY%n",
        "issuer " + Branch.ISSUER_ACCOUNT.masked(),
        issuerBefore,
        branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
    out.println("  ticket      " + ticket.orElse("-"));
    out.println("  receipt     " + receipt.map(Path::toString).orElse("-"));
    out.println("  card view   " + (cardView == null ? "-" : cardView.toString()));
    out.println("  journal     " + branch.dir().resolve("journal.db"));
    out.println("  log         " + branch.dir().resolve(BranchLog.FILE_NAME));
    if (failures.isEmpty()) {
      out.println("DEMO PASSED");
      return 0;
    }
    out.println("DEMO FAILED:");
    failures.forEach(f -> out.println("  - " + f));
    return 1;
  }

  private void buy(Branch.Customer hanako, long issuerBefore) throws Exception {
    EventSummary concert = branch.plugin().center().events().get(0);
    long hanakoBefore = branch.bank().ledger().balance(hanako.account());
    Seat seat = firstFreeSeat(concert.eventId());
    SessionOutcome bought =
        session(
            hanako,
            customer()
                .on("select-event", concert.eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-payment", "transfer"));
    ticket = bought.ticketNumber();
    check(
        bought.result() == SessionOutcome.Result.COMPLETED,
        "session completed: " + bought.result() + " " + bought.detail());
    check(
        branch.bank().ledger().balance(hanako.account()) == hanakoBefore - seat.price().yen(),
        "customer account debited by exactly " + seat.price());
    check(
        branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT) == issuerBefore + seat.price().yen(),
        "issuer account credited by exactly " + seat.price());
    check(status(concert.eventId(), seat) == Seat.Status.SOLD, "seat " + seat.seatId() + " sold");
    cardView = writeCardView(hanako);
    receipt = latestReceipt();
    check(receipt.isPresent(), "receipt printed");
  }

  private void declined(Branch.Customer taro) throws Exception {
    EventSummary concert = branch.plugin().center().events().get(0);
    long taroBefore = branch.bank().ledger().balance(taro.account());
    long issuerBefore = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
    Seat other = firstFreeSeat(concert.eventId());
    ScriptedCustomer declined =
        customer()
            .on("select-event", concert.eventId().value())
            .on("select-seat", other.seatId().value())
            .on("choose-payment", "transfer")
            .on("choose-payment", "cancel");
    SessionOutcome cancelled = session(taro, declined);
    check(
        cancelled.result() == SessionOutcome.Result.CANCELLED,
        "session cancelled: " + cancelled.result());
    check(declined.screenIds().contains("payment-declined"), "decline shown to the customer");
    List<JournalEntry> journal =
        branch.plugin().journal().entries(new SessionId(cancelled.sessionId()));
    check(
        journal.stream()
            .anyMatch(e -> e.facts().getOrDefault("reason", "").endsWith("response code 51")),
        "journal: bank declined with response code 51 (insufficient funds)");
    check(branch.bank().ledger().balance(taro.account()) == taroBefore, "no money moved");
    check(
        branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT) == issuerBefore,
        "issuer balance unchanged");
    check(
        status(concert.eventId(), other) == Seat.Status.AVAILABLE,
        "seat " + other.seatId() + " free again");
    String reservation =
        journal.stream()
            .map(e -> e.facts().get("reservation"))
            .filter(r -> r != null)
            .reduce((first, last) -> last)
            .orElse("");
    JsonNode atCenter = reservationAtCenter(reservation);
    out.println("  [center] reservation " + reservation + ": " + atCenter);
    check(
        "CANCELLED".equals(atCenter.path("status").asText()) && !atCenter.has("ticketNumber"),
        "center: reservation " + reservation + " cancelled, no ticket issued");
    branch.insertCard(taro);
    try {
      check(branch.plugin().card().readRecords().isEmpty(), "nothing written to " + taro.cardId());
    } finally {
      branch.removeCard();
    }
  }

  /** The reservation as the issuer center reports it ({@code GET /v1/reservations/{n}}, signed). */
  private JsonNode reservationAtCenter(String number) throws Exception {
    String path = "/v1/reservations/" + number;
    long now = branch.clock().instant().getEpochSecond();
    String secret = branch.plugin().config().centerTerminalSecret().orElseThrow();
    HttpRequest request =
        HttpRequest.newBuilder(branch.center().baseUri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json")
            .header("X-Terminal-Id", branch.terminalId())
            .header("X-Kippu-Timestamp", Long.toString(now))
            .header(
                "X-Kippu-Signature", new RequestSigner(secret).sign("GET", path, new byte[0], now))
            .GET()
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "center answered " + response.statusCode() + " for " + path + ": " + response.body());
    }
    return new ObjectMapper().readTree(response.body());
  }

  /** Runs one demo step; an exception fails the step and the demo goes on to its summary. */
  private void step(String name, Step step) {
    try {
      step.run();
    } catch (Exception | AssertionError e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(Level.WARNING, "demo " + name + " failed", e);
      check(false, name + " could not run: " + e.getMessage());
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private ScriptedCustomer customer() {
    return new ScriptedCustomer(out::println);
  }

  private SessionOutcome session(Branch.Customer customer, ScriptedCustomer script) {
    out.println("  [card] " + customer.cardId() + " inserted");
    branch.insertCard(customer);
    // The customer types the cash card's PIN on the PIN pad when the transfer asks for it.
    branch.typePinAtNextEntry(Branch.demoPin(customer));
    try {
      SessionOutcome outcome = branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, script);
      out.println(
          "  [session] "
              + outcome.sessionId()
              + " "
              + outcome.result()
              + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")"));
      return outcome;
    } finally {
      branch.removeCard();
      out.println("  [card] " + customer.cardId() + " returned");
    }
  }

  private Path writeCardView(Branch.Customer customer) throws Exception {
    branch.insertCard(customer);
    try {
      TicketInspector gate =
          new TicketInspector(
              branch.plugin().tickets(),
              issuer -> {
                try {
                  return branch.plugin().center().issuerKey(issuer);
                } catch (CenterException e) {
                  throw new IllegalStateException(e);
                }
              },
              branch.plugin().config().zone());
      List<String> view = gate.describe(branch.plugin().card());
      check(
          gate.tickets(branch.plugin().card()).stream()
              .anyMatch(TicketInspector.InspectedTicket::signatureValid),
          "ticket on card decrypts and its signature verifies");
      Path file = branch.dir().resolve("card-" + customer.cardId() + ".txt");
      Files.write(file, view);
      out.println("  [card view]");
      view.forEach(l -> out.println("    " + l));
      return file;
    } finally {
      branch.removeCard();
    }
  }

  private Optional<Path> latestReceipt() throws Exception {
    if (!Files.isDirectory(branch.receipts())) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(branch.receipts())) {
      Optional<Path> latest =
          files.filter(p -> p.toString().endsWith(".txt")).max(Comparator.naturalOrder());
      if (latest.isPresent()) {
        out.println("  [receipt] " + latest.get());
        Files.readAllLines(latest.get()).forEach(l -> out.println("    | " + l));
      }
      return latest;
    }
  }

  private Seat firstFreeSeat(EventId event) throws CenterException {
    return branch.plugin().center().seats(event).stream()
        .filter(Seat::available)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no free seat left for the demo"));
  }

  private Seat.Status status(EventId event, Seat seat) throws CenterException {
    return branch.plugin().center().seats(event).stream()
        .filter(s -> s.seatId().equals(seat.seatId()))
        .findFirst()
        .orElseThrow()
        .status();
  }

  private void heading(String text) {
    out.println();
    out.println("== " + text);
  }

  private void check(boolean ok, String what) {
    out.println("  [check] " + (ok ? "ok    " : "FAILED") + " " + what);
    if (!ok) {
      failures.add(what);
    }
  }
}
