package com.kippu.devices.gpio;

import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.Dispenser;
import com.kippu.devices.cash.service.AbstractCashChanger;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.util.List;
import java.util.Map;
import jpos.JposConst;
import jpos.JposException;

/**
 * A JavaPOS CashChanger service whose dispense side is the in-company {@link GpioNoteDispenser}:
 * change is paid in notes of one value, no deposits are taken (CapDeposit false). The Pi4J context
 * is the one registered in {@link Pi4jContexts} under {@code pi4jContext}, or an auto-detected one
 * the service owns while claimed.
 *
 * <p>jpos.xml properties: those of {@code AbstractCashChanger} ({@code countsFile}, {@code
 * initialCounts}, {@code nearEmptyCount}, {@code dispenseTimeoutMs}) and of {@link
 * GpioDispenserConfig} (pins, {@code noteValue}, timeouts, {@code pi4jContext}).
 */
public class GpioCashChanger extends AbstractCashChanger {

  private final Context injectedContext;
  private final Scheduler injectedScheduler;
  private GpioDispenserConfig gpio;
  private Context ownedContext;
  private ExecutorScheduler ownedScheduler;

  /** For jpos.xml: context from {@link Pi4jContexts}, real-time timeouts. */
  public GpioCashChanger() {
    this(null, null);
  }

  /** With the context and the scheduler given, e.g. Pi4J's mock providers and a manual clock. */
  public GpioCashChanger(Context context, Scheduler scheduler) {
    this.injectedContext = context;
    this.injectedScheduler = scheduler;
  }

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    GpioDispenserConfig parsed = GpioDispenserConfig.from(props);
    super.configure(props);
    this.gpio = parsed;
  }

  @Override
  protected String description() {
    return "GPIO note dispenser";
  }

  @Override
  public String getPhysicalDeviceDescription() throws JposException {
    requireOpen();
    return "in-company note dispenser on GPIO (" + gpio.note().yen() + " yen notes)";
  }

  @Override
  public String getPhysicalDeviceName() throws JposException {
    requireOpen();
    return "Kippu GPIO note dispenser";
  }

  @Override
  protected List<Denomination> dispenseDenominations() {
    return List.of(gpio.note());
  }

  @Override
  protected Dispenser openDispenser(CashLedger ledger) throws JposException {
    Context context = context();
    Scheduler scheduler = injectedScheduler;
    if (scheduler == null) {
      ownedScheduler = new ExecutorScheduler(name());
      scheduler = ownedScheduler;
    }
    try {
      return GpioNoteDispenser.start(context, name(), gpio, ledger, scheduler);
    } catch (RuntimeException e) {
      releaseOwned();
      throw new JposException(
          JposConst.JPOS_E_NOHARDWARE, name() + ": GPIO lines not available: " + e, e);
    }
  }

  private Context context() throws JposException {
    if (injectedContext != null) {
      return injectedContext;
    }
    String name = gpio.pi4jContext();
    if (!Pi4jContexts.AUTO.equals(name)) {
      return Pi4jContexts.find(name)
          .orElseThrow(
              () ->
                  new JposException(
                      JposConst.JPOS_E_NOHARDWARE,
                      name() + ": no Pi4J context registered as '" + name + "'"));
    }
    try {
      ownedContext = Pi4J.newAutoContext();
      return ownedContext;
    } catch (RuntimeException e) {
      throw new JposException(
          JposConst.JPOS_E_NOHARDWARE, name() + ": Pi4J auto context failed: " + e, e);
    }
  }

  @Override
  public void release() throws JposException {
    try {
      super.release(); // closes the dispenser: motor off, lines released
    } finally {
      releaseOwned();
    }
  }

  private synchronized void releaseOwned() {
    if (ownedScheduler != null) {
      ownedScheduler.close();
      ownedScheduler = null;
    }
    if (ownedContext != null) {
      try {
        ownedContext.shutdown();
      } catch (RuntimeException e) {
        System.getLogger(GpioCashChanger.class.getName())
            .log(System.Logger.Level.WARNING, name() + ": Pi4J shutdown failed: " + e);
      }
      ownedContext = null;
    }
  }
}
