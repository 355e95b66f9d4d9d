package com.kippu.simulator.bench;

import com.kippu.atm.PluginConfig;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.TicketingPlugins;
import com.kippu.atm.bank.BankRoute;
import com.kippu.atm.bank.BankRouter;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.sim.MagstripeCards;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedKeypads;
import com.kippu.devices.sim.SimulatedMagstripes;
import com.kippu.devices.sim.cash.SimulatedCashUnits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

/**
 * The benchmark's ATM running in this JVM: the plugin started from its configuration exactly as
 * host ATM software starts it, and the hands of a customer who never hesitates on its simulated
 * devices (card slot, PIN pad, magnetic reader, cash slot), which live in the same JVM as the
 * plugin.
 */
final class BenchTerminal implements AutoCloseable {
  private final TicketingPlugin plugin;
  private final String units;
  private final long configNanos;
  private final long startNanos;
  private final long recoverNanos;

  private BenchTerminal(
      TicketingPlugin plugin, String units, long configNanos, long startNanos, long recoverNanos) {
    this.plugin = plugin;
    this.units = units;
    this.configNanos = configNanos;
    this.startNanos = startNanos;
    this.recoverNanos = recoverNanos;
  }

  /**
   * Starts the plugin ({@link TicketingPlugins#start} and {@link TicketingPlugin#recover}, timed
   * apart): journal open, devices claimed, bank links connected and signed on with key change. The
   * simulated devices are the units named after the terminal id.
   */
  static BenchTerminal start(Properties properties, Clock clock)
      throws TicketingPlugins.StartupException {
    long read = System.nanoTime();
    PluginConfig config = PluginConfig.from(properties);
    long t0 = System.nanoTime();
    TicketingPlugin plugin = TicketingPlugins.start(config, clock);
    long t1 = System.nanoTime();
    try {
      plugin.recover();
    } catch (RuntimeException e) {
      plugin.close();
      throw e;
    }
    long t2 = System.nanoTime();
    return new BenchTerminal(plugin, config.terminal().terminalId(), t0 - read, t1 - t0, t2 - t1);
  }

  /** How long reading the configuration took ({@link PluginConfig#from}), before the start. */
  long configNanos() {
    return configNanos;
  }

  /** How long {@link TicketingPlugins#start} took. */
  long startNanos() {
    return startNanos;
  }

  /** How long {@link TicketingPlugin#recover} took. */
  long recoverNanos() {
    return recoverNanos;
  }

  TicketingPlugin plugin() {
    return plugin;
  }

  /** Runs one reserve-pay-issue session to its end. */
  SessionOutcome run(CustomerTerminal customer) {
    return plugin.run(TicketingPlugin.RESERVE_PAY_ISSUE, customer);
  }

  /** The plugin's link to the bank host itself, past the router of its routes. */
  BankHost bankHostLink() {
    BankHost bank = plugin.bank();
    if (bank instanceof BankRouter router) {
      return router
          .routeFor(AuthorizationRequest.Kind.DEBIT)
          .map(BankRoute::link)
          .orElseThrow(() -> new IllegalStateException("no route to the bank host"));
    }
    return bank;
  }

  void insertCard(Path cardImage) {
    slot().insert(cardImage);
  }

  void removeCard() {
    slot().remove();
  }

  /** The customer types {@code pin} and ENTER as soon as the PIN pad next asks for a PIN. */
  void typePinAtNextEntry(String pin) {
    SimulatedKeypads.keypad(unit(SimulatedDevices.PIN_PAD))
        .whenPinEntryEnabled(k -> k.type(pin).enter());
  }

  /** The customer swipes {@code card} as soon as the magnetic reader next waits for one. */
  void swipeAtNextRead(MagstripeCards.Card card) {
    SimulatedMagstripes.reader(unit(SimulatedDevices.MSR)).whenReading(r -> r.swipe(card));
  }

  /**
   * The customer puts one note of {@code yen} into the cash unit's open slot (a deposit must be
   * accepting: call it while the cash screen is up).
   */
  void insertCash(long yen) {
    SimulatedCashUnits.unit(unit(SimulatedDevices.CASH_CHANGER))
        .insert(Denomination.ofYen(Math.toIntExact(yen)), 1);
  }

  private SimulatedCardSlots.Slot slot() {
    return SimulatedCardSlots.slot(unit(SimulatedDevices.IC_CARD));
  }

  private String unit(String logicalName) {
    return SimulatedDevices.unitName(units, logicalName);
  }

  @Override
  public void close() {
    removeCard();
    plugin.close();
  }
}
