package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.atm.gate.TicketInspector;
import com.kippu.atm.spi.CustomerTerminal;
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
import java.util.stream.Stream;

/**
 * What a demo scenario plays with: its branch, the console it narrates to, the checks it has made
 * and the customer-side helpers every scenario needs (a session with a card, the card's decoded
 * view, the receipt, the center's view of a reservation).
 */
final class DemoRun {
  private final Branch branch;
  private final PrintStream out;
  private final DemoWatcher watcher;
  private final List<String> failures = new ArrayList<>();

  DemoRun(Branch branch, PrintStream out) {
    this(branch, out, DemoWatcher.NONE);
  }

  DemoRun(Branch branch, PrintStream out, DemoWatcher watcher) {
    this.branch = branch;
    this.out = out;
    this.watcher = watcher;
  }

  /** The scripted customer as the session sees it, shown to whoever watches the demo. */
  CustomerTerminal watched(CustomerTerminal script) {
    return watcher.watching(script);
  }

  Branch branch() {
    return branch;
  }

  PrintStream out() {
    return out;
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** The e-money on {@code c}'s IC card, as the card's own value log says. */
  long purseYen(Branch.Customer c) throws java.io.IOException {
    String dump = com.kippu.devices.sim.CardImages.dump(branch.cardFile(c));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("e-money\\s+(\\d+) yen").matcher(dump);
    if (!m.find()) {
      throw new IllegalStateException("no e-money balance in the card image of " + c.cardId());
    }
    return Long.parseLong(m.group(1));
  }

  /** An account's balance at the bank host. */
  long balance(com.kippu.atm.payment.AccountNumber account) {
    return branch.bank().ledger().balance(account);
  }

  /** The reservation as the issuer center reports it ({@code GET /v1/reservations/{n}}, signed). */
  JsonNode reservationAtCenter(String number) throws Exception {
    String path = "/v1/reservations/" + number;
    Answered answer = asTerminal("GET", path, null);
    if (answer.status() != 200) {
      throw new IllegalStateException(
          "center answered " + answer.status() + " for " + path + ": " + answer.body());
    }
    return answer.body();
  }

  /** What the center answered a request of the branch's terminal. */
  record Answered(int status, JsonNode body) {
    String error() {
      return body.path("error").asText("");
    }
  }

  /**
   * A request to the center signed as the branch's terminal, as the plugin signs it: for a look at
   * the center's records, or to play a terminal that skipped its own checks.
   */
  Answered asTerminal(String method, String path, JsonNode body) throws Exception {
    ObjectMapper json = new ObjectMapper();
    byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
    long now = branch.clock().instant().getEpochSecond();
    String secret = branch.plugin().config().centerTerminalSecret().orElseThrow();
    String nonce = RequestSigner.newNonce();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(branch.center().baseUri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json")
            .header("X-Terminal-Id", branch.terminalId())
            .header("X-Kippu-Timestamp", Long.toString(now))
            .header("X-Kippu-Nonce", nonce)
            .header(
                "X-Kippu-Signature",
                new RequestSigner(secret).sign(method, path, bytes, now, nonce));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answered(response.statusCode(), json.readTree(response.body()));
  }

  ScriptedCustomer customer() {
    return new ScriptedCustomer(out::println);
  }

  SessionOutcome session(Branch.Customer customer, ScriptedCustomer script) {
    return session(customer, script, Branch.demoPin(customer));
  }

  /** A session where the customer types {@code pin} when the PIN pad first asks. */
  SessionOutcome session(Branch.Customer customer, ScriptedCustomer script, String pin) {
    return session(TicketingPlugin.RESERVE_PAY_ISSUE, customer, script, pin);
  }

  /** A session of menu entry {@code entry}, the customer typing their PIN when asked. */
  SessionOutcome session(String entry, Branch.Customer customer, ScriptedCustomer script) {
    return session(entry, customer, script, Branch.demoPin(customer));
  }

  /** A session of menu entry {@code entry}, the customer typing {@code pin} when asked. */
  SessionOutcome session(
      String entry, Branch.Customer customer, ScriptedCustomer script, String pin) {
    out.println("  [card] " + customer.cardId() + " inserted");
    branch.insertCard(customer);
    // The customer types the cash card's PIN on the PIN pad when the transfer asks for it.
    branch.typePinAtNextEntry(pin);
    try {
      SessionOutcome outcome = branch.plugin().run(entry, watched(script));
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

  Path writeCardView(Branch.Customer customer) throws Exception {
    return writeCardView(branch.cardFile(customer), customer.cardId(), true);
  }

  /**
   * Inserts the card whose image is {@code cardFile}, writes its decoded view (chip, records,
   * tickets and their signatures, as a gate reads them) to {@code card-<cardId>.txt}; with {@code
   * ticketExpected}, checks that a ticket on it verifies.
   */
  Path writeCardView(Path cardFile, String cardId, boolean ticketExpected) throws Exception {
    branch.slot().insert(cardFile);
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
      if (ticketExpected) {
        check(
            gate.tickets(branch.plugin().card()).stream()
                .anyMatch(TicketInspector.InspectedTicket::signatureValid),
            "ticket on card decrypts and its signature verifies");
      }
      Path file = branch.dir().resolve("card-" + cardId + ".txt");
      Files.write(file, view);
      out.println("  [card view]");
      view.forEach(l -> out.println("    " + l));
      return file;
    } finally {
      branch.removeCard();
    }
  }

  Optional<Path> latestReceipt() throws Exception {
    if (!Files.isDirectory(branch.receipts())) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(branch.receipts())) {
      Optional<Path> latest =
          files
              .filter(p -> p.getFileName().toString().startsWith("receipt-"))
              .filter(p -> p.toString().endsWith(".txt"))
              .max(Comparator.naturalOrder());
      if (latest.isPresent()) {
        out.println("  [receipt] " + latest.get());
        Files.readAllLines(latest.get()).forEach(l -> out.println("    | " + l));
      }
      return latest;
    }
  }

  Seat firstFreeSeat(EventId event) throws CenterException {
    return branch.plugin().center().seats(event).stream()
        .filter(Seat::available)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no free seat left for the demo"));
  }

  Seat.Status status(EventId event, Seat seat) throws CenterException {
    return branch.plugin().center().seats(event).stream()
        .filter(s -> s.seatId().equals(seat.seatId()))
        .findFirst()
        .orElseThrow()
        .status();
  }

  /** Moves the branch's clock forward, as days pass between two visits. */
  void advanceClock(Duration by) {
    ((DemoClock) branch.clock()).advance(by);
    out.println("  [time] " + by.toHours() + " hours later: " + branch.clock().instant());
  }

  /** The printed tickets, oldest first: the PNG of each, whose QR code a gate scans. */
  List<Path> printedTickets() throws java.io.IOException {
    if (!Files.isDirectory(branch.receipts())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(branch.receipts())) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("ticket-"))
          .filter(p -> p.toString().endsWith(".png"))
          .sorted()
          .toList();
    }
  }

  void heading(String text) {
    out.println();
    out.println("== " + text);
  }

  /** Prints the check's result; a failed check fails the scenario, which goes on. */
  void check(boolean ok, String what) {
    out.println("  [check] " + (ok ? "ok    " : "FAILED") + " " + what);
    if (!ok) {
      failures.add(what);
    }
  }
}
