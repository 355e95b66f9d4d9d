package com.kippu.devices.cash;

import static jpos.CashChangerConst.CHAN_DEPOSIT_CHANGE;
import static jpos.CashChangerConst.CHAN_DEPOSIT_PAUSE;
import static jpos.CashChangerConst.CHAN_DEPOSIT_RESTART;
import static jpos.CashChangerConst.CHAN_STATUS_ASYNC;
import static jpos.CashChangerConst.CHAN_STATUS_EMPTY;
import static jpos.CashChangerConst.CHAN_STATUS_NEAREMPTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.cash.service.AbstractCashChanger;
import com.kippu.devices.gpio.DispenserIo;
import com.kippu.devices.gpio.GpioCashChanger;
import com.kippu.devices.jpos.EventDispatcher;
import com.kippu.devices.sim.cash.SimulatedCashChanger;
import com.kippu.devices.sim.cash.SimulatedCashUnits;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.CashChangerService114;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UnifiedPOS rules both Kippu CashChanger services follow: the open / claim / enable / release /
 * close lifecycle, the JposException code of every call made in the wrong state, and events.
 */
class CashChangerConformanceTest {

  @TempDir static Path dir;
  private static final List<Context> CONTEXTS = new ArrayList<>();

  interface Factory {
    AbstractCashChanger create(Path countsFile) throws JposException;
  }

  static Stream<Named<Factory>> services() {
    Factory sim =
        counts -> {
          SimulatedCashChanger s = new SimulatedCashChanger();
          s.configure(
              Map.of(
                  "countsFile",
                  counts.toString(),
                  "unitName",
                  "unit-" + UUID.randomUUID(),
                  "initialCounts",
                  "1:5,5:5,10:5,50:5,100:5,500:5;1000:5,2000:5,5000:5,10000:5",
                  "nearEmptyCount",
                  3));
          return s;
        };
    Factory gpio =
        counts -> {
          Context pi4j;
          synchronized (CONTEXTS) {
            pi4j =
                Pi4J.newContextBuilder()
                    .add(
                        MockDigitalInputProvider.newInstance(),
                        MockDigitalOutputProvider.newInstance())
                    .build();
            CONTEXTS.add(pi4j);
          }
          // A clock that never fires: these tests never let a timeout run.
          GpioCashChanger g = new GpioCashChanger(pi4j, (delay, task) -> () -> {});
          Map<String, Object> props = new HashMap<>();
          int pin = 2;
          for (DispenserIo io : DispenserIo.values()) {
            props.put(io.property(), pin++);
          }
          props.put("countsFile", counts.toString());
          props.put("initialCounts", ";1000:50");
          g.configure(props);
          return g;
        };
    return Stream.of(Named.of("simulated", sim), Named.of("gpio", gpio));
  }

  /** A service enabled in AsyncMode with a dispense of one 1000 yen note under way. */
  record Running(CashChangerService114 service, Runnable finish) {}

  interface Starter {
    Running start(EventDispatcher callbacks) throws Exception;
  }

  static Stream<Named<Starter>> runningDispenses() {
    Starter sim =
        callbacks -> {
          String unit = "unit-" + UUID.randomUUID();
          SimulatedCashChanger s = new SimulatedCashChanger();
          s.configure(
              Map.of(
                  "countsFile",
                  countsFile().toString(),
                  "unitName",
                  unit,
                  "initialCounts",
                  ";1000:5"));
          enableAsync(s, callbacks);
          SimulatedCashUnits.unit(unit).holdNextDispense(); // the customer is slow to take it
          s.dispenseChange(1000);
          return new Running(s, () -> SimulatedCashUnits.unit(unit).releaseHeldDispense());
        };
    Starter gpio =
        callbacks -> {
          Context pi4j = mockContext();
          GpioCashChanger g = new GpioCashChanger(pi4j, (delay, task) -> () -> {});
          Map<String, Object> props = gpioPins();
          props.put("countsFile", countsFile().toString());
          props.put("initialCounts", ";1000:5");
          g.configure(props);
          enableAsync(g, callbacks);
          set(pi4j, DispenserIo.SHUTTER_CLOSED, true);
          g.dispenseChange(1000); // motor on, waiting for the count pulse
          return new Running(
              g,
              () -> {
                set(pi4j, DispenserIo.COUNT_SENSOR, true);
                set(pi4j, DispenserIo.COUNT_SENSOR, false);
                set(pi4j, DispenserIo.SHUTTER_CLOSED, false);
                set(pi4j, DispenserIo.SHUTTER_OPEN, true);
                set(pi4j, DispenserIo.NOTE_PRESENT, true);
                set(pi4j, DispenserIo.NOTE_PRESENT, false);
                set(pi4j, DispenserIo.SHUTTER_OPEN, false);
                set(pi4j, DispenserIo.SHUTTER_CLOSED, true);
              });
        };
    return Stream.of(Named.of("simulated", sim), Named.of("gpio", gpio));
  }

  private static void enableAsync(AbstractCashChanger s, EventDispatcher callbacks)
      throws JposException {
    s.open("CashChanger", callbacks);
    s.claim(0);
    s.setDeviceEnabled(true);
    s.setAsyncMode(true);
  }

  private static Context mockContext() {
    synchronized (CONTEXTS) {
      Context pi4j =
          Pi4J.newContextBuilder()
              .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
              .build();
      CONTEXTS.add(pi4j);
      return pi4j;
    }
  }

  private static Map<String, Object> gpioPins() {
    Map<String, Object> props = new HashMap<>();
    int pin = 2;
    for (DispenserIo io : DispenserIo.values()) {
      props.put(io.property(), pin++);
    }
    return props;
  }

  private static void set(Context pi4j, DispenserIo io, boolean high) {
    pi4j.registry()
        .get(io.id("CashChanger"), MockDigitalInput.class)
        .mockState(high ? DigitalState.HIGH : DigitalState.LOW);
  }

  @ParameterizedTest
  @MethodSource("runningDispenses")
  void callsNeedingTheMechanismWhileAnAsyncDispenseRunsAreBusy(Starter starter) throws Exception {
    BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
    EventDispatcher callbacks = new EventDispatcher("conformance", null);
    callbacks.addStatusUpdateListener(e -> events.add(e.getStatus()));
    Running running = starter.start(callbacks);
    CashChangerService114 c = running.service();
    String[] counts = new String[1];
    boolean[] discrepancy = new boolean[1];

    assertEquals(JposConst.JPOS_S_BUSY, c.getState());
    assertCode(JposConst.JPOS_E_BUSY, () -> c.dispenseChange(1000));
    assertCode(JposConst.JPOS_E_BUSY, () -> c.dispenseCash(";1000:1"));
    assertCode(JposConst.JPOS_E_BUSY, () -> c.readCashCounts(counts, discrepancy));
    assertCode(JposConst.JPOS_E_BUSY, () -> c.adjustCashCounts(";1000:9"));
    assertCode(JposConst.JPOS_E_BUSY, () -> c.checkHealth(JposConst.JPOS_CH_INTERNAL));

    running.finish().run();

    assertEquals(CHAN_STATUS_ASYNC, events.poll(5, TimeUnit.SECONDS));
    assertEquals(JposConst.JPOS_SUCCESS, c.getAsyncResultCode());
    assertEquals(JposConst.JPOS_S_IDLE, c.getState());
    c.readCashCounts(counts, discrepancy);
    assertTrue(counts[0].contains(";1000:4"), counts[0]);
    c.close();
    callbacks.close();
  }

  @AfterAll
  static void shutdownContexts() {
    CONTEXTS.forEach(Context::shutdown);
  }

  private static void assertCode(int code, Executable call) {
    JposException e = assertThrows(JposException.class, call);
    assertEquals(code, e.getErrorCode(), e.getMessage());
  }

  private static Path countsFile() {
    return dir.resolve("counts-" + UUID.randomUUID() + ".txt");
  }

  @ParameterizedTest
  @MethodSource("services")
  void lifecycleAndTheCodeOfEveryWrongStateCall(Factory factory) throws Exception {
    AbstractCashChanger s = factory.create(countsFile());
    CashChangerService114 c = (CashChangerService114) s;
    String[] counts = new String[1];
    boolean[] discrepancy = new boolean[1];
    EventDispatcher callbacks = new EventDispatcher("conformance", null);

    assertEquals(JposConst.JPOS_S_CLOSED, c.getState());
    assertCode(JposConst.JPOS_E_CLOSED, () -> c.claim(0));
    assertCode(JposConst.JPOS_E_CLOSED, c::getDeviceStatus);
    assertCode(JposConst.JPOS_E_CLOSED, c::beginDeposit);
    assertCode(JposConst.JPOS_E_CLOSED, () -> c.dispenseChange(1000));
    assertCode(JposConst.JPOS_E_CLOSED, () -> c.readCashCounts(counts, discrepancy));
    assertCode(JposConst.JPOS_E_CLOSED, c::close);

    c.open("CashChanger", callbacks);
    assertEquals(JposConst.JPOS_S_IDLE, c.getState());
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.open("CashChanger", callbacks));
    assertCode(JposConst.JPOS_E_NOTCLAIMED, () -> c.setDeviceEnabled(true));
    assertCode(JposConst.JPOS_E_NOTCLAIMED, () -> c.dispenseChange(1000));
    assertCode(JposConst.JPOS_E_NOTCLAIMED, () -> c.readCashCounts(counts, discrepancy));
    assertCode(JposConst.JPOS_E_NOTCLAIMED, c::clearInput);
    assertCode(JposConst.JPOS_E_ILLEGAL, c::release);
    assertEquals("JPY", c.getCurrencyCode());

    c.claim(0);
    c.claim(0); // again from the same instance
    assertTrue(c.getClaimed());
    assertCode(JposConst.JPOS_E_DISABLED, () -> c.dispenseChange(1000));
    assertCode(JposConst.JPOS_E_DISABLED, () -> c.dispenseCash(";1000:1"));
    assertCode(JposConst.JPOS_E_DISABLED, c::beginDeposit);
    assertCode(JposConst.JPOS_E_DISABLED, () -> c.readCashCounts(counts, discrepancy));
    assertCode(JposConst.JPOS_E_DISABLED, () -> c.adjustCashCounts(";1000:1"));
    assertCode(JposConst.JPOS_E_DISABLED, () -> c.checkHealth(JposConst.JPOS_CH_INTERNAL));

    c.setDeviceEnabled(true);
    c.readCashCounts(counts, discrepancy);
    assertFalse(discrepancy[0]);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.dispenseChange(0));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.dispenseCash("1000"));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.dispenseCash(""));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.adjustCashCounts("3:1"));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.readCashCounts(new String[0], discrepancy));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.setCurrencyCode("USD"));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.setCurrentExit(2));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.setRealTimeDataEnabled(true));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.checkHealth(JposConst.JPOS_CH_INTERACTIVE));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.pauseDeposit(99));
    assertCode(JposConst.JPOS_E_ILLEGAL, c::fixDeposit);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.endDeposit(CHAN_DEPOSIT_CHANGE));
    assertCode(JposConst.JPOS_E_EXTENDED, () -> c.dispenseCash(";1000:" + Integer.MAX_VALUE));
    c.checkHealth(JposConst.JPOS_CH_EXTERNAL);
    assertEquals("External HCheck: Successful", c.getCheckHealthText());
    assertEquals(1_014_000, c.getDeviceServiceVersion());

    c.setDeviceEnabled(false);
    assertFalse(c.getDeviceEnabled());
    c.setDeviceEnabled(true);
    c.release(); // release disables first
    assertFalse(c.getClaimed());
    assertFalse(c.getDeviceEnabled());
    assertCode(JposConst.JPOS_E_NOTCLAIMED, () -> c.readCashCounts(counts, discrepancy));
    c.close();
    assertEquals(JposConst.JPOS_S_CLOSED, c.getState());
    assertCode(JposConst.JPOS_E_CLOSED, c::getDeviceEnabled);

    c.open("CashChanger", callbacks); // a closed service opens again, hardware and all
    c.claim(0);
    c.setDeviceEnabled(true);
    c.readCashCounts(counts, discrepancy);
    c.close(); // close releases
    c.deleteInstance();
    callbacks.close();
  }

  @ParameterizedTest
  @MethodSource("services")
  void claimIsExclusivePerCountsFile(Factory factory) throws Exception {
    Path file = countsFile();
    CashChangerService114 first = (CashChangerService114) factory.create(file);
    CashChangerService114 second = (CashChangerService114) factory.create(file);
    EventDispatcher callbacks = new EventDispatcher("conformance", null);
    first.open("A", callbacks);
    second.open("B", callbacks);
    first.claim(0);
    assertCode(JposConst.JPOS_E_TIMEOUT, () -> second.claim(0));
    first.release();
    second.claim(0);
    assertTrue(second.getClaimed());
    second.close();
    first.close();
    callbacks.close();
  }

  @Test
  void depositCallsOutOfOrderAreIllegal() throws Exception {
    CashChangerService114 c =
        (CashChangerService114)
            services().findFirst().orElseThrow().getPayload().create(countsFile());
    EventDispatcher callbacks = new EventDispatcher("conformance", null);
    c.open("CashChanger", callbacks);
    c.claim(0);
    c.setDeviceEnabled(true);
    assertTrue(c.getCapDeposit() && c.getCapPauseDeposit() && c.getCapRepayDeposit());

    c.beginDeposit();
    assertCode(JposConst.JPOS_E_ILLEGAL, c::beginDeposit);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.pauseDeposit(CHAN_DEPOSIT_RESTART));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.endDeposit(CHAN_DEPOSIT_CHANGE));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.dispenseChange(100));
    c.pauseDeposit(CHAN_DEPOSIT_PAUSE);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.pauseDeposit(CHAN_DEPOSIT_PAUSE));
    c.fixDeposit();
    assertCode(JposConst.JPOS_E_ILLEGAL, c::fixDeposit);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.pauseDeposit(CHAN_DEPOSIT_RESTART));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.endDeposit(0));
    c.endDeposit(CHAN_DEPOSIT_CHANGE);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.endDeposit(CHAN_DEPOSIT_CHANGE));
    c.close();
    callbacks.close();
  }

  @Test
  void frozenEventsAreHeldThenDeliveredInOrder() throws Exception {
    CashChangerService114 c =
        (CashChangerService114)
            services().findFirst().orElseThrow().getPayload().create(countsFile());
    BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
    EventDispatcher callbacks = new EventDispatcher("conformance", null);
    callbacks.addStatusUpdateListener(e -> events.add(e.getStatus()));
    c.open("CashChanger", callbacks);
    c.claim(0);
    c.setDeviceEnabled(true);
    c.setAsyncMode(true);
    c.setFreezeEvents(true);

    c.dispenseCash(";5000:2"); // 5 -> 3: near empty
    c.dispenseCash(";5000:3"); // 3 -> 0: empty

    assertNull(events.poll(0, TimeUnit.SECONDS), "frozen");
    c.setFreezeEvents(false);
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seen.add(events.poll(5, TimeUnit.SECONDS));
    }
    assertEquals(
        List.of(CHAN_STATUS_NEAREMPTY, CHAN_STATUS_ASYNC, CHAN_STATUS_EMPTY, CHAN_STATUS_ASYNC),
        seen);
    c.close();
    callbacks.close();
  }
}
