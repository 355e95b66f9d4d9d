package com.kippu.simulator;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.gate.TicketInspector;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scripted F5 demo: one customer buys a seat by account transfer and gets the ticket on the
 * card; a second cannot pay (51), is returned to the choice of payment and cancels. Every check
 * that fails is listed and makes the demo exit non-zero.
 */
final class Demo {
  private final Branch branch;
  private final PrintStream out;
  private final List<String> failures = new ArrayList<>();

  Demo(Branch branch, PrintStream out) {
    this.branch = branch;
    this.out = out;
  }

  /** Runs the demo; returns the process exit code. */
  int run() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    Branch.Customer taro = Branch.CUSTOMERS.get(1);
    EventSummary concert = branch.plugin().center().events().get(0);
    out.printf(
        "Branch up in %s%n  bank host  tcp://127.0.0.1:%d (jPOS, SQLite ledger)%n  center    %s%n  devices   %s%n",
        branch.dir(),
        branch.bank().port(),
        branch.center().baseUri(),
        branch.dir().resolve("jpos.xml"));

    heading("1. " + hanako.name() + " buys a ticket by account transfer (F5)");
    long hanakoBefore = branch.bank().ledger().balance(hanako.account());
    long issuerBefore = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
    Seat seat = firstFreeSeat(concert.eventId());
    SessionOutcome bought =
        session(
            hanako,
            customer()
                .on("select-event", concert.eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-payment", "transfer"));
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
    Path cardView = writeCardView(hanako);
    Optional<Path> receipt = latestReceipt();
    check(receipt.isPresent(), "receipt printed");

    heading(
        "2. "
            + taro.name()
            + " cannot pay (response 51), returns to the payment choice and cancels");
    long taroBefore = branch.bank().ledger().balance(taro.account());
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
    check(branch.bank().ledger().balance(taro.account()) == taroBefore, "no money moved");
    check(
        status(concert.eventId(), other) == Seat.Status.AVAILABLE,
        "seat " + other.seatId() + " free again");
    branch.insertCard(taro);
    check(branch.plugin().card().readRecords().isEmpty(), "nothing written to " + taro.cardId());
    branch.removeCard();

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
    out.println("  ticket      " + bought.ticketNumber().orElse("-"));
    out.println("  receipt     " + receipt.map(Path::toString).orElse("-"));
    out.println("  card view   " + cardView);
    out.println("  journal     " + branch.dir().resolve("journal.db"));
    if (failures.isEmpty()) {
      out.println("DEMO PASSED");
      return 0;
    }
    out.println("DEMO FAILED:");
    failures.forEach(f -> out.println("  - " + f));
    return 1;
  }

  private ScriptedCustomer customer() {
    return new ScriptedCustomer(out::println);
  }

  private SessionOutcome session(Branch.Customer customer, ScriptedCustomer script) {
    out.println("  [card] " + customer.cardId() + " inserted");
    branch.insertCard(customer);
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
              });
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
