package com.kippu.simulator.bench;

import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * Plays customer sessions on a bench terminal, the customers' cards taken in turn so each card
 * holds only its share of the tickets: the first bench event still on sale, its first seat offered,
 * the method's key, the method's device actions done ahead and its own screens answered at once.
 * Only {@link BenchTerminal#run} is timed; inserting and taking the card are not.
 */
final class SessionDriver {
  private final BenchTerminal terminal;
  private final List<BenchCustomer> customers;
  private final Path cardsDir;
  private int next;
  private int played;
  private int failed;
  private String firstFailure = "";

  SessionDriver(BenchTerminal terminal, List<BenchCustomer> customers, Path cardsDir) {
    if (customers.isEmpty()) {
      throw new IllegalArgumentException("no customers to play sessions with");
    }
    this.terminal = terminal;
    this.customers = List.copyOf(customers);
    this.cardsDir = cardsDir;
  }

  /** Plays one session paid by {@code method}; its time in nanoseconds, or -1 if not completed. */
  long play(BenchMethod method) {
    BenchCustomer customer = customers.get(next);
    next = (next + 1) % customers.size();
    ScriptedCustomer script =
        new ScriptedCustomer()
            .on("select-event", SessionDriver::firstBenchEvent)
            .on("select-seat", SessionDriver::firstSeat)
            .on("choose-payment", method.name());
    method.answers().add(script, terminal);
    played++;
    terminal.insertCard(customer.cardFile(cardsDir));
    try {
      method.hands().prepare(terminal, customer);
      long begin = System.nanoTime();
      SessionOutcome outcome = terminal.run(script);
      long nanos = System.nanoTime() - begin;
      if (outcome.result() == SessionOutcome.Result.COMPLETED) {
        return nanos;
      }
      if (failed++ == 0) {
        firstFailure =
            method.name()
                + " session "
                + outcome.sessionId()
                + " "
                + outcome.result()
                + " ("
                + outcome.detail()
                + "), screens "
                + script.screenIds();
        firstFailure = firstFailure.replace('\n', ' ');
      }
      return -1;
    } finally {
      terminal.removeCard();
    }
  }

  int played() {
    return played;
  }

  int failed() {
    return failed;
  }

  /** What went wrong in the first session that did not complete; empty when none. */
  String firstFailure() {
    return firstFailure;
  }

  private static Answer firstBenchEvent(Screen screen) {
    return screen.choices().stream()
        .filter(c -> c.key().startsWith(BenchSeed.EVENT_PREFIX))
        .findFirst()
        .map(c -> Answer.chose(c.key()))
        .orElse(Answer.cancel());
  }

  private static Answer firstSeat(Screen screen) {
    return screen.choices().stream()
        .filter(c -> !c.key().equals("back") && !c.key().equals("cancel"))
        .findFirst()
        .map(c -> Answer.chose(c.key()))
        .orElse(Answer.cancel());
  }
}
