package com.kippu.simulator.bench;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import java.util.List;
import java.util.Optional;

/**
 * A payment method the benchmark measures: the key the customer presses on the choice of payment,
 * what the customer does on the terminal's devices for it, done ahead so that each device finds the
 * customer ready the moment it asks, and how the customer answers the method's own screens, at
 * once. A new method is one more entry in {@link #ALL}.
 */
record BenchMethod(String name, Hands hands, Answers answers) {

  /** What the customer does on the devices before the session for this method. */
  @FunctionalInterface
  interface Hands {
    void prepare(BenchTerminal terminal, BenchCustomer customer);
  }

  /**
   * How the customer answers the screens of the method itself, for devices that can only be used
   * while such a screen is up (the cash slot opens with its screen).
   */
  @FunctionalInterface
  interface Answers {
    void add(ScriptedCustomer script, BenchTerminal terminal);

    Answers NONE = (script, terminal) -> {};
  }

  /** A method with no screens of its own to answer. */
  BenchMethod(String name, Hands hands) {
    this(name, hands, Answers.NONE);
  }

  /** Cash screen: the slot is open; the customer puts the price in and presses Done. */
  private static final String INSERT_CASH = "insert-cash";

  /** Every method measured, in the order printed. */
  static final List<BenchMethod> ALL =
      List.of(
          new BenchMethod("transfer", (t, c) -> t.typePinAtNextEntry(BenchCustomer.PIN)),
          new BenchMethod(
              "debit",
              (t, c) -> {
                t.swipeAtNextRead(c.stripe(AuthorizationRequest.Kind.DEBIT));
                t.typePinAtNextEntry(BenchCustomer.PIN);
              }),
          new BenchMethod(
              "credit", (t, c) -> t.swipeAtNextRead(c.stripe(AuthorizationRequest.Kind.CREDIT))),
          new BenchMethod(
              "prepaid", (t, c) -> t.swipeAtNextRead(c.stripe(AuthorizationRequest.Kind.PREPAID))),
          new BenchMethod("emoney", (t, c) -> {}),
          // The exact price in one note, so no change is paid out and the stock never runs short:
          // the unit's escrow, the 0200 cash deposit at the bank host and the cash kept on
          // approval.
          new BenchMethod(
              "cash",
              (t, c) -> {},
              (script, t) ->
                  script.on(
                      INSERT_CASH,
                      screen -> {
                        t.insertCash(BenchSeed.SEAT_PRICE_YEN);
                        return Answer.chose("done");
                      })));

  static Optional<BenchMethod> find(String name) {
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
