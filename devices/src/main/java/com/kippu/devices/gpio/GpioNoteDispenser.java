package com.kippu.devices.gpio;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.DispenseResult;
import com.kippu.devices.cash.Dispenser;
import com.kippu.devices.cash.DispenserFault;
import com.pi4j.context.Context;
import com.pi4j.event.ShutdownEvent;
import com.pi4j.event.ShutdownListener;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A single-cassette note dispenser on GPIO: the motor feeds notes past a count sensor into the
 * escrow, the motor stops on the pulse of the last note (counting, never timing), the shutter opens
 * to present the notes and closes when they are taken, or retracts them into the retract bin when
 * they are not taken in time.
 *
 * <p>Invariants: the motor is off at start, on close and on every fault, and never runs unless the
 * closed limit switch is made and the open one is not (the interlock); every counted note is
 * written to the {@link CashLedger} before anything else happens; a fault (jam, shutter, escrow
 * left at start) stops all dispensing until {@link #clearFault} finds the path clear. When the Pi4J
 * context shuts down under it (host exit, power loss, no close first) the motor is switched off
 * before the lines go, the running dispense fails OFFLINE and nothing more is counted: a restart on
 * a fresh context recovers from the counts file alone.
 */
public final class GpioNoteDispenser implements Dispenser {

  private static final System.Logger LOG = System.getLogger(GpioNoteDispenser.class.getName());

  private enum Phase {
    IDLE,
    COUNTING,
    OPENING,
    PRESENTED,
    CLOSING,
    RETRACTING,
    FAULT,
    CLOSED
  }

  private final Context pi4j;
  private final String device;
  private final GpioDispenserConfig config;
  private final CashLedger ledger;
  private final Scheduler scheduler;
  private final Map<DispenserIo, DigitalOutput> outputs = new EnumMap<>(DispenserIo.class);
  private final Map<DispenserIo, DigitalInput> inputs = new EnumMap<>(DispenserIo.class);
  private final ShutdownListener contextShutdown =
      new ShutdownListener() {
        @Override
        public void beforeShutdown(ShutdownEvent event) {
          contextLost();
        }

        @Override
        public void onShutdown(ShutdownEvent event) {}
      };

  private Phase phase = Phase.IDLE;
  private String fault = "";
  private int target;
  private int counted;
  private boolean notesSeen;
  private CompletableFuture<DispenseResult> pending;
  private DispenseResult delivered;
  private Scheduler.Cancellable timer;
  private long timerToken;

  private GpioNoteDispenser(
      Context pi4j, String device, GpioDispenserConfig config, CashLedger ledger, Scheduler s) {
    this.pi4j = pi4j;
    this.device = device;
    this.config = config;
    this.ledger = ledger;
    this.scheduler = s;
  }

  /**
   * Creates the I/O lines of {@code device} on {@code pi4j} with the motor off, restores the state
   * from {@code ledger} and returns the dispenser. Notes a power loss left in the escrow go to the
   * retract bin when the path is clear; otherwise the dispenser starts faulted.
   *
   * @throws com.pi4j.exception.Pi4JException when a line cannot be created (e.g. pin in use)
   */
  public static GpioNoteDispenser start(
      Context pi4j,
      String device,
      GpioDispenserConfig config,
      CashLedger ledger,
      Scheduler scheduler) {
    GpioNoteDispenser d = new GpioNoteDispenser(pi4j, device, config, ledger, scheduler);
    try {
      pi4j.addListener(d.contextShutdown);
      d.createLines();
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
    d.recover();
    return d;
  }

  private void createLines() {
    for (DispenserIo io : DispenserIo.values()) {
      if (io.isOutput()) {
        outputs.put(
            io,
            pi4j.create(
                DigitalOutput.newConfigBuilder(pi4j)
                    .id(io.id(device))
                    .address(config.pin(io))
                    .initial(DigitalState.LOW)
                    .shutdown(DigitalState.LOW)));
      } else {
        DigitalInput in =
            pi4j.create(
                DigitalInput.newConfigBuilder(pi4j)
                    .id(io.id(device))
                    .address(config.pin(io))
                    .pull(PullResistance.PULL_DOWN));
        in.addListener(e -> onInput(io, e.state()));
        inputs.put(io, in);
      }
    }
  }

  private synchronized void recover() {
    CashCounts left = ledger.snapshot().dispenseEscrow();
    String problem = pathProblem();
    if (left.isEmpty()) {
      enter(Phase.IDLE); // a path problem is reported by the first dispense
    } else if (problem == null) {
      LOG.log(System.Logger.Level.WARNING, device + ": " + left + " left in escrow, retracted");
      ledger.retractDispense();
      enter(Phase.IDLE);
    } else {
      enterFault(DispenserFault.Kind.NOT_CLEAR, left + " left in escrow at start; " + problem);
    }
  }

  @Override
  public List<Denomination> denominations() {
    return List.of(config.note());
  }

  // ---- dispense ----------------------------------------------------------------------------

  @Override
  public CompletableFuture<DispenseResult> dispense(CashCounts counts) {
    int notes = counts.count(config.note());
    if (notes == 0 || notes != counts.pieces()) {
      throw new IllegalArgumentException(
          device + " dispenses only " + config.note() + ": " + counts);
    }
    synchronized (this) {
      switch (phase) {
        case CLOSED -> {
          return failed(DispenserFault.Kind.OFFLINE, device + " is closed");
        }
        case FAULT -> {
          return failed(DispenserFault.Kind.NOT_CLEAR, fault);
        }
        case IDLE -> {}
        default -> {
          return failed(DispenserFault.Kind.BUSY, device + " is " + phase);
        }
      }
      String problem = pathProblem();
      if (problem != null) {
        enterFault(DispenserFault.Kind.NOT_CLEAR, problem);
        return failed(DispenserFault.Kind.NOT_CLEAR, problem);
      }
      target = notes;
      counted = 0;
      notesSeen = false;
      delivered = null;
      pending = new CompletableFuture<>();
      CompletableFuture<DispenseResult> f = pending;
      try {
        enter(Phase.COUNTING);
        motorOn();
        arm(config.noteGapTimeout(), this::noteGapExpired);
      } catch (RuntimeException e) {
        // Nobody holds f yet, so completing it under the lock runs no foreign code.
        enterFault(DispenserFault.Kind.FAILURE, device + ": cannot start: " + e.getMessage()).run();
      }
      return f;
    }
  }

  private CompletableFuture<DispenseResult> failed(DispenserFault.Kind kind, String message) {
    return CompletableFuture.failedFuture(
        new DispenserFault(kind, message, ledger.snapshot().dispenseEscrow()));
  }

  /** What stops a dispense from starting or a fault from clearing, or null when all is clear. */
  private String pathProblem() {
    if (high(DispenserIo.COUNT_SENSOR)) {
      return "count sensor blocked";
    }
    if (!high(DispenserIo.SHUTTER_CLOSED) || high(DispenserIo.SHUTTER_OPEN)) {
      return "shutter not closed";
    }
    if (high(DispenserIo.NOTE_PRESENT)) {
      return "notes in the shutter mouth";
    }
    return null;
  }

  private boolean high(DispenserIo io) {
    return inputs.get(io).state() == DigitalState.HIGH;
  }

  // ---- inputs and timeouts -----------------------------------------------------------------

  private void onInput(DispenserIo io, DigitalState state) {
    Runnable completion;
    synchronized (this) {
      if (phase == Phase.CLOSED) {
        return; // lines of a closed or lost context: nothing they report is counted
      }
      try {
        completion = handle(io, state == DigitalState.HIGH);
      } catch (RuntimeException e) {
        // Counts that cannot be recorded must not keep the motor running.
        completion = enterFault(DispenserFault.Kind.FAILURE, device + ": " + e.getMessage());
      }
    }
    if (completion != null) {
      completion.run();
    }
  }

  private Runnable handle(DispenserIo io, boolean high) {
    switch (io) {
      case COUNT_SENSOR -> {
        return high ? noteCounted() : null;
      }
      case SHUTTER_CLOSED -> {
        if (!high && phase == Phase.COUNTING) {
          return enterFault(
              DispenserFault.Kind.SHUTTER,
              "interlock: shutter left its closed limit while the motor ran");
        }
        return high ? shutterClosed() : null;
      }
      case SHUTTER_OPEN -> {
        if (high && phase == Phase.COUNTING) {
          return enterFault(
              DispenserFault.Kind.SHUTTER, "interlock: shutter opened while the motor ran");
        }
        if (high && phase == Phase.OPENING) {
          enter(Phase.PRESENTED);
          notesSeen = high(DispenserIo.NOTE_PRESENT);
          arm(config.presentTimeout(), this::presentExpired);
        }
        return null;
      }
      case NOTE_PRESENT -> {
        return notePresent(high);
      }
      default -> throw new IllegalStateException("not an input: " + io);
    }
  }

  private Runnable noteCounted() {
    if (phase == Phase.OPENING || phase == Phase.PRESENTED) {
      // Motor overrun: one more note reached the escrow after the stop; count it, it goes out too.
      LOG.log(System.Logger.Level.WARNING, device + ": note counted after the motor stopped");
      ledger.pick(config.note());
      return null;
    }
    if (phase != Phase.COUNTING) {
      // A note moved that no dispense fed (or around a jam): the counts may be off by it.
      LOG.log(System.Logger.Level.WARNING, device + ": note counted while " + phase);
      ledger.markDiscrepancy();
      return null;
    }
    counted++;
    if (counted == target) {
      motorOff(); // on the last pulse, before anything slower, so no extra note is fed
    }
    ledger.pick(config.note());
    if (counted < target) {
      arm(config.noteGapTimeout(), this::noteGapExpired);
      return null;
    }
    enter(Phase.OPENING);
    out(DispenserIo.SHUTTER_DRIVE, true);
    arm(config.shutterTimeout(), this::shutterStuck);
    return null;
  }

  private Runnable notePresent(boolean high) {
    if (high) {
      notesSeen = true;
      return null;
    }
    if (phase != Phase.PRESENTED || !notesSeen) {
      return null;
    }
    delivered = DispenseResult.taken(ledger.deliverDispense());
    out(DispenserIo.SHUTTER_DRIVE, false);
    enter(Phase.CLOSING);
    arm(config.shutterTimeout(), this::shutterStuck);
    return null;
  }

  private Runnable shutterClosed() {
    if (phase == Phase.CLOSING) {
      return finish(delivered);
    }
    if (phase == Phase.RETRACTING) {
      return finish(DispenseResult.retracted(ledger.retractDispense()));
    }
    return null;
  }

  private Runnable noteGapExpired() {
    if (phase != Phase.COUNTING) {
      return null;
    }
    return enterFault(
        DispenserFault.Kind.JAM,
        "note jam: count sensor stopped after " + counted + " of " + target + " notes");
  }

  private Runnable presentExpired() {
    if (phase != Phase.PRESENTED) {
      return null;
    }
    out(DispenserIo.SHUTTER_DRIVE, false); // closing pulls the notes back in (retract)
    enter(Phase.RETRACTING);
    arm(config.shutterTimeout(), this::shutterStuck);
    return null;
  }

  private Runnable shutterStuck() {
    return switch (phase) {
      case OPENING ->
          enterFault(
              DispenserFault.Kind.SHUTTER,
              "shutter did not open within " + ms(config.shutterTimeout()));
      case RETRACTING ->
          enterFault(
              DispenserFault.Kind.SHUTTER,
              "shutter did not close to retract within " + ms(config.shutterTimeout()));
      case CLOSING -> {
        // The customer has the notes; the dispense succeeded, the shutter needs service.
        Runnable done = finish(delivered);
        enterFault(
            DispenserFault.Kind.SHUTTER,
            "shutter did not close within " + ms(config.shutterTimeout()));
        yield done;
      }
      default -> null;
    };
  }

  private static String ms(Duration d) {
    return d.toMillis() + " ms";
  }

  private void arm(Duration delay, Supplier<Runnable> onExpiry) {
    disarm();
    long token = ++timerToken;
    timer = scheduler.schedule(delay, () -> expired(token, onExpiry));
  }

  private void disarm() {
    timerToken++;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void expired(long token, Supplier<Runnable> onExpiry) {
    Runnable completion;
    synchronized (this) {
      if (token != timerToken) {
        return; // superseded by a later step
      }
      timer = null;
      try {
        completion = onExpiry.get();
      } catch (RuntimeException e) {
        completion = enterFault(DispenserFault.Kind.FAILURE, device + ": " + e.getMessage());
      }
    }
    if (completion != null) {
      completion.run();
    }
  }

  // ---- states and outputs ------------------------------------------------------------------

  private Runnable finish(DispenseResult result) {
    disarm();
    enter(Phase.IDLE);
    CompletableFuture<DispenseResult> f = pending;
    pending = null;
    return f == null ? null : () -> f.complete(result);
  }

  /** Motor off, shutter closing, fault LED on; fails the running dispense, if any. */
  private Runnable enterFault(DispenserFault.Kind kind, String reason) {
    motorOff();
    out(DispenserIo.SHUTTER_DRIVE, false);
    disarm();
    fault = reason;
    enter(Phase.FAULT);
    LOG.log(System.Logger.Level.WARNING, device + ": " + reason);
    return failPending(kind, reason);
  }

  private Runnable failPending(DispenserFault.Kind kind, String reason) {
    CompletableFuture<DispenseResult> f = pending;
    pending = null;
    if (f == null) {
      return null;
    }
    DispenserFault error = new DispenserFault(kind, reason, ledger.snapshot().dispenseEscrow());
    return () -> f.completeExceptionally(error);
  }

  private void enter(Phase next) {
    phase = next;
    if (next == Phase.CLOSED) {
      return;
    }
    out(DispenserIo.READY_LED, next == Phase.IDLE);
    out(DispenserIo.FAULT_LED, next == Phase.FAULT);
    out(DispenserIo.BUSY_LED, next != Phase.IDLE && next != Phase.FAULT);
  }

  private void motorOn() {
    // The interlock: the one place the motor is switched on.
    if (!high(DispenserIo.SHUTTER_CLOSED) || high(DispenserIo.SHUTTER_OPEN)) {
      throw new IllegalStateException("interlock: motor refused, shutter not closed");
    }
    out(DispenserIo.MOTOR, true);
  }

  private void motorOff() {
    out(DispenserIo.MOTOR, false);
  }

  private void out(DispenserIo io, boolean high) {
    DigitalOutput line = outputs.get(io);
    if (line != null) {
      line.state(high ? DigitalState.HIGH : DigitalState.LOW);
    }
  }

  // ---- faults and shutdown -----------------------------------------------------------------

  @Override
  public synchronized boolean faulted() {
    return phase == Phase.FAULT;
  }

  @Override
  public synchronized String faultReason() {
    return phase == Phase.FAULT ? fault : "";
  }

  @Override
  public synchronized void clearFault() throws DispenserFault {
    if (phase != Phase.FAULT) {
      return;
    }
    String problem = pathProblem();
    if (problem != null) {
      throw new DispenserFault(
          DispenserFault.Kind.NOT_CLEAR,
          "still faulted (" + fault + "): " + problem,
          ledger.snapshot().dispenseEscrow());
    }
    CashCounts binned = ledger.retractDispense();
    if (!binned.isEmpty()) {
      LOG.log(System.Logger.Level.INFO, device + ": " + binned + " from escrow to retract bin");
    }
    fault = "";
    enter(Phase.IDLE);
  }

  /**
   * The context is shutting down without {@link #close}: every output off while the lines still
   * exist, a running dispense fails OFFLINE with its notes in escrow, nothing is counted after.
   */
  private void contextLost() {
    Runnable completion;
    synchronized (this) {
      if (phase == Phase.CLOSED) {
        return;
      }
      LOG.log(System.Logger.Level.WARNING, device + ": Pi4J context shut down while " + phase);
      allOutputsOff();
      disarm();
      completion =
          failPending(
              DispenserFault.Kind.OFFLINE, device + ": Pi4J context shut down while dispensing");
      phase = Phase.CLOSED;
    }
    if (completion != null) {
      completion.run();
    }
  }

  private void allOutputsOff() {
    for (DispenserIo io : DispenserIo.values()) {
      if (io.isOutput()) {
        try {
          out(io, false);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, device + ": cannot switch off " + io + ": " + e);
        }
      }
    }
  }

  /** Motor off and every output low, then the lines are released; a running dispense fails. */
  @Override
  public void close() {
    try {
      pi4j.removeListener(contextShutdown);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, device + ": cannot unregister from Pi4J: " + e);
    }
    Runnable completion;
    synchronized (this) {
      if (phase == Phase.CLOSED) {
        return;
      }
      allOutputsOff();
      disarm();
      completion =
          failPending(DispenserFault.Kind.OFFLINE, device + " was closed while dispensing");
      phase = Phase.CLOSED;
      for (DispenserIo io : DispenserIo.values()) {
        try {
          if (pi4j.registry().exists(io.id(device))) {
            pi4j.shutdown(io.id(device));
          }
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, device + ": cannot release " + io + ": " + e);
        }
      }
    }
    if (completion != null) {
      completion.run();
    }
  }
}
