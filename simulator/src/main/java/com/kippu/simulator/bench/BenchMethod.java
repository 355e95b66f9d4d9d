package com.kippu.simulator.bench;

import com.kippu.atm.payment.AuthorizationRequest;
import java.util.List;
import java.util.Optional;

/**
 * A payment method the benchmark measures: the key the customer presses on the choice of payment,
 * and what the customer does on the terminal's devices for it, done ahead so that each device finds
 * the customer ready the moment it asks. A new method is one more entry in {@link #ALL}.
 */
record BenchMethod(String name, Hands hands) {

  /** What the customer does on the devices before the session for this method. */
  @FunctionalInterface
  interface Hands {
    void prepare(BenchTerminal terminal, BenchCustomer customer);
  }

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
          new BenchMethod("emoney", (t, c) -> {}));

  static Optional<BenchMethod> find(String name) {
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
