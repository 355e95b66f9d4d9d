package com.kippu.simulator.crash;

import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.simulator.Branch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One named customer journey the crash sweep kills at every kill point, and how its payment method
 * holds money: what must be conserved, what each side holds, and which payments its rail says
 * stand. Adding a payment method to the sweep is one implementation of this and its entries in
 * {@link CrashScenarios#ALL}.
 */
public interface CrashScenario {
  /** The scenario's name in the sweep's report and on the child's command line. */
  String name();

  /** The menu entry the journey runs: reserve-pay-issue unless the scenario says otherwise. */
  default String menuEntry() {
    return com.kippu.atm.TicketingPlugin.RESERVE_PAY_ISSUE;
  }

  /** The kind of terminal the journey runs on: a bank ATM unless the scenario says otherwise. */
  default com.kippu.atm.spi.TerminalProfile.Kind kind() {
    return com.kippu.atm.spi.TerminalProfile.Kind.BANK_ATM;
  }

  /** The customer whose card is used; it is in the reader when the terminal starts again. */
  Branch.Customer customer();

  /**
   * What the customer does in one session of the reserve-pay-issue menu entry, with the card
   * already inserted; may also arrange the branch's simulated devices (notes, purse) first.
   */
  ScriptedCustomer journey(Branch branch) throws Exception;

  /**
   * What the customer answers when the card comes back after the restart: nothing (they cancel at
   * the first question, after the card's pending tickets were written) unless the terminal asks
   * first for something else, as a home PC asks for the user's login.
   */
  default ScriptedCustomer cardReturn() {
    return new ScriptedCustomer();
  }

  /** Weighs the money of the branch this scenario's method can move. */
  Weighing weigh(Branch branch) throws Exception;

  /** How much the customer loses when the journey runs to its end without a crash. */
  long expectedLoss();

  /** The method's name on the center's tickets ({@code payment_method}). */
  String ticketMethod();

  /**
   * The payments of this method that stand on its rail after the run (money moved and not taken
   * back), read from the branch's files in {@code dir}, keyed as the center's tickets name them.
   */
  Set<Payment> standingPayments(Path dir) throws Exception;

  /**
   * The key of a ticket's payment as {@link #standingPayments} names it, from the ticket's {@code
   * payment_stan} and {@code payment_reference}: the ISO 8583 rails name a payment by its STAN,
   * e-money by the purse's transaction id.
   */
  default String ticketPaymentKey(String stan, String reference) {
    return stan;
  }

  /**
   * Every how many kill points the sweep kills this scenario: 1 for all of them; more only for a
   * scenario whose rail, route and recovery another scenario of the table sweeps in full.
   */
  default int killEvery() {
    return 1;
  }

  /**
   * Kill points of this scenario (as {@code point:n}) after which recovery is known to break the
   * audit, each with the reason: they are still killed and audited and must still break it (once
   * recovery keeps it there, the sweep fails until the entry is removed), and the sweep reports
   * them.
   */
  default Map<String, String> knownGaps() {
    return Map.of();
  }

  /**
   * What the method's own devices must show after the restart (a cash unit's counts agreeing with
   * its file, nothing left in escrow), each broken rule named; read while {@code branch} is open.
   */
  default List<String> deviceViolations(Branch branch) throws Exception {
    return List.of();
  }

  /**
   * Money as one method holds it: {@code total} must never change, and what the customer loses
   * ({@code customer} down) the issuer gains ({@code issuer} up).
   */
  record Weighing(long total, long customer, long issuer) {}

  /** One payment: its key as a ticket names it (for a transfer, its STAN) and its amount. */
  record Payment(String key, long amountYen) {}
}
