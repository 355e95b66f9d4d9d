package com.kippu.devices.gpio;

import static com.kippu.devices.cash.service.CashChangerConfig.bad;
import static com.kippu.devices.cash.service.CashChangerConfig.integer;

import com.kippu.devices.cash.Denomination;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jpos.JposException;

/**
 * The jpos.xml properties of the GPIO note dispenser, checked once at configure time: one BCM pin
 * number per {@link DispenserIo} (required, distinct), the note value, the three timeouts and the
 * Pi4J context name. A bad value is refused with JPOS_E_ILLEGAL naming the key.
 */
public record GpioDispenserConfig(
    Map<DispenserIo, Integer> pins,
    Denomination note,
    Duration noteGapTimeout,
    Duration shutterTimeout,
    Duration presentTimeout,
    String pi4jContext) {

  public static final String NOTE_VALUE = "noteValue";
  public static final String NOTE_GAP_TIMEOUT_MS = "noteGapTimeoutMs";
  public static final String SHUTTER_TIMEOUT_MS = "shutterTimeoutMs";
  public static final String PRESENT_TIMEOUT_MS = "presentTimeoutMs";
  public static final String PI4J_CONTEXT = "pi4jContext";

  /** Highest BCM GPIO number accepted (the Raspberry Pi SoCs expose up to 54 lines). */
  static final int MAX_PIN = 53;

  public GpioDispenserConfig {
    pins = Map.copyOf(pins);
  }

  public int pin(DispenserIo io) {
    return pins.get(io);
  }

  public static GpioDispenserConfig from(Map<String, Object> props) throws JposException {
    Map<DispenserIo, Integer> pins = new EnumMap<>(DispenserIo.class);
    Map<Integer, DispenserIo> used = new HashMap<>();
    for (DispenserIo io : DispenserIo.values()) {
      Object v = props.get(io.property());
      if (!(v instanceof Integer pin) || pin < 0 || pin > MAX_PIN) {
        throw bad(io.property(), "is required: an Integer BCM pin 0.." + MAX_PIN + ", was " + v);
      }
      DispenserIo clash = used.put(pin, io);
      if (clash != null) {
        throw bad(io.property(), "uses pin " + pin + ", already given to " + clash.property());
      }
      pins.put(io, pin);
    }
    Denomination note;
    try {
      note = Denomination.ofYen(integer(props, NOTE_VALUE, 1000, 1));
    } catch (IllegalArgumentException e) {
      throw bad(NOTE_VALUE, "is not a yen denomination: " + props.get(NOTE_VALUE));
    }
    Object context = props.getOrDefault(PI4J_CONTEXT, Pi4jContexts.AUTO);
    if (!(context instanceof String name) || name.isBlank()) {
      throw bad(PI4J_CONTEXT, "must be a non-empty String");
    }
    return new GpioDispenserConfig(
        pins,
        note,
        Duration.ofMillis(integer(props, NOTE_GAP_TIMEOUT_MS, 2_000, 1)),
        Duration.ofMillis(integer(props, SHUTTER_TIMEOUT_MS, 3_000, 1)),
        Duration.ofMillis(integer(props, PRESENT_TIMEOUT_MS, 30_000, 1)),
        name);
  }
}
