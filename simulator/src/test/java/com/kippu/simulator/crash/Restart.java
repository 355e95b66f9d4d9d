package com.kippu.simulator.crash;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.bank.BankRouter;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.gate.TicketInspector;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.simulator.Branch;
import com.kippu.simulator.crash.CrashScenario.Weighing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The terminal's next start on the files a killed child left. The customer's IC card is in the
 * reader when the terminal starts, as a motorised reader holds it through a power loss during the
 * session: start-up recovery can ask the card (e-money's purse decides a payment of unknown
 * outcome). The branch opens (recovery runs), the bank link is given a bounded time to have the
 * reversals it stored confirmed, and the card's session writes its pending tickets and cancels. The
 * branch stays open, quiet, for the audit until it is closed.
 */
final class Restart implements AutoCloseable {
  private final Branch branch;
  private final After after;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Restart(Branch branch, After after) {
    this.branch = branch;
    this.after = after;
  }

  /** What the restart left, for the audit. */
  record After(
      Weighing weighing,
      Set<String> ticketsOnCard,
      String returnSession,
      String problems,
      List<String> devices) {}

  /**
   * Restarts the branch on {@code dir} with {@code scenario}'s card in the reader, as the crash
   * left it, and runs the card's session.
   *
   * @param drain how long the bank link may take to have its stored reversals confirmed
   */
  static Restart on(Path dir, CrashScenario scenario, Duration drain) throws Exception {
    return on(dir, scenario, drain, true);
  }

  /**
   * Restarts the branch on {@code dir}, the card out of the reader while the terminal starts (the
   * customer took it, or the reader gave it back), and brings it back for its session.
   */
  static Restart withCardOut(Path dir, CrashScenario scenario, Duration drain) throws Exception {
    return on(dir, scenario, drain, false);
  }

  /**
   * Restarts the branch on {@code dir} with the card gone for good: the customer took it before the
   * terminal stopped and never brings it back here. Start-up recovery runs and the bank link drains
   * its reversals; no session runs. What the restart left is for the audit.
   */
  static Restart withCardGone(Path dir, CrashScenario scenario, Duration drain) throws Exception {
    SimulatedCardSlots.slot(SimulatedDevices.unitName(Branch.TERMINAL_ID, SimulatedDevices.IC_CARD))
        .remove();
    Branch branch = Branch.open(dir, Clock.systemUTC());
    try {
      TicketingPlugin plugin = branch.plugin();
      boolean drained =
          plugin.bank() instanceof BankRouter router
              ? router.awaitNoPendingReversals(drain)
              : ((JposBankHost) plugin.bank()).awaitNoPendingReversals(drain);
      return new Restart(
          branch,
          new After(
              scenario.weigh(branch),
              Set.of(),
              "",
              drained ? "" : "reversals still pending after " + drain + "; ",
              scenario.deviceViolations(branch)));
    } catch (Exception | Error e) {
      branch.close();
      throw e;
    }
  }

  private static Restart on(Path dir, CrashScenario scenario, Duration drain, boolean cardIn)
      throws Exception {
    SimulatedCardSlots.Slot slot =
        SimulatedCardSlots.slot(
            SimulatedDevices.unitName(Branch.TERMINAL_ID, SimulatedDevices.IC_CARD));
    Path card = dir.resolve("cards").resolve(scenario.customer().cardId() + ".card");
    slot.remove();
    if (cardIn) {
      slot.insert(card);
    }
    Branch branch;
    try {
      branch =
          Branch.open(
              dir, Clock.systemUTC(), Branch.TERMINAL_ID, Branch.PRESENT_TIMEOUT, scenario.kind());
    } catch (Exception | Error e) {
      slot.remove();
      throw e;
    }
    try {
      if (!cardIn) {
        slot.insert(card);
      }
      return new Restart(branch, cardComesBack(branch, scenario, drain));
    } catch (Exception | Error e) {
      branch.close();
      throw e;
    }
  }

  private static After cardComesBack(Branch branch, CrashScenario scenario, Duration drain)
      throws Exception {
    TicketingPlugin plugin = branch.plugin();
    StringBuilder problems = new StringBuilder();
    boolean drained =
        plugin.bank() instanceof BankRouter router
            ? router.awaitNoPendingReversals(drain)
            : ((JposBankHost) plugin.bank()).awaitNoPendingReversals(drain);
    if (!drained) {
      problems.append("reversals still pending after ").append(drain).append("; ");
    }
    try {
      // No answers: the customer cancels at the first question, after the pending tickets.
      SessionOutcome back = plugin.run(TicketingPlugin.RESERVE_PAY_ISSUE, scenario.cardReturn());
      if (back.result() != SessionOutcome.Result.CANCELLED) {
        problems.append("the card's return ended ").append(back.result()).append("; ");
      }
      TicketInspector gate =
          new TicketInspector(
              plugin.tickets(),
              issuer -> {
                try {
                  return plugin.center().issuerKey(issuer);
                } catch (CenterException e) {
                  throw new IllegalStateException(e);
                }
              },
              plugin.config().zone());
      Set<String> onCard =
          gate.tickets(plugin.card()).stream()
              .filter(TicketInspector.InspectedTicket::signatureValid)
              .map(t -> t.ticket().ticketNumber())
              .collect(Collectors.toSet());
      return new After(
          scenario.weigh(branch),
          onCard,
          back.sessionId(),
          problems.toString(),
          scenario.deviceViolations(branch));
    } finally {
      branch.removeCard();
    }
  }

  After after() {
    return after;
  }

  /** The restarted branch, open until this is closed. */
  Branch branch() {
    return branch;
  }

  /**
   * Closes the branch on another thread, then runs {@code then}; {@link #close} does nothing after
   * it. The center's HTTP server takes about a second to stop, mostly waiting, which the next
   * child's start can use.
   */
  CompletableFuture<Void> closeInBackground(Runnable then) {
    if (!closed.compareAndSet(false, true)) {
      throw new IllegalStateException("the restarted branch is closed already");
    }
    return CompletableFuture.runAsync(
        () -> {
          branch.close();
          then.run();
        });
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      branch.close();
    }
  }
}
