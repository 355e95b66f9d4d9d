package com.kippu.devices.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The dispenser's wiring on Pi4J's mock platform, driven by the test the way the mechanism would
 * drive it: pulses on the count sensor, limit switches as the shutter moves, the note-present
 * sensor as the customer takes the notes.
 */
final class DispenserBench implements AutoCloseable {

  static final Map<String, Object> PINS = pins();

  final Context pi4j;
  final BlockingQueue<Boolean> motorSwitches = new LinkedBlockingQueue<>();
  final String device;

  DispenserBench(String device) {
    this.device = device;
    this.pi4j =
        Pi4J.newContextBuilder()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
  }

  private static Map<String, Object> pins() {
    Map<String, Object> p = new HashMap<>();
    int pin = 5;
    for (DispenserIo io : DispenserIo.values()) {
      p.put(io.property(), pin++);
    }
    return Map.copyOf(p);
  }

  /** Records every switch of the motor from now on, for {@link #awaitMotor}. */
  void watchMotor() {
    output(DispenserIo.MOTOR).addListener(e -> motorSwitches.add(e.state() == DigitalState.HIGH));
  }

  /** Waits (bounded) for the next motor switch and checks its direction. */
  void awaitMotor(boolean on) throws InterruptedException {
    Boolean next = motorSwitches.poll(5, TimeUnit.SECONDS);
    if (next == null || next != on) {
      throw new AssertionError(
          "expected the motor to switch " + (on ? "on" : "off") + ", got " + next);
    }
  }

  DigitalOutput output(DispenserIo io) {
    return pi4j.registry().get(io.id(device), DigitalOutput.class);
  }

  MockDigitalInput input(DispenserIo io) {
    return pi4j.registry().get(io.id(device), MockDigitalInput.class);
  }

  boolean high(DispenserIo io) {
    return output(io).state() == DigitalState.HIGH;
  }

  boolean motorRunning() {
    return high(DispenserIo.MOTOR);
  }

  void set(DispenserIo io, boolean high) {
    input(io).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
  }

  /** The shutter rests on its closed limit switch. */
  void shutterAtClosed() {
    set(DispenserIo.SHUTTER_OPEN, false);
    set(DispenserIo.SHUTTER_CLOSED, true);
  }

  /** The shutter leaves the closed switch and reaches the open one. */
  void shutterMovesOpen() {
    set(DispenserIo.SHUTTER_CLOSED, false);
    set(DispenserIo.SHUTTER_OPEN, true);
  }

  void shutterMovesClosed() {
    set(DispenserIo.SHUTTER_OPEN, false);
    set(DispenserIo.SHUTTER_CLOSED, true);
  }

  /** {@code n} notes pass the count sensor (one low-high-low pulse each). */
  void notesPass(int n) {
    for (int i = 0; i < n; i++) {
      set(DispenserIo.COUNT_SENSOR, true);
      set(DispenserIo.COUNT_SENSOR, false);
    }
  }

  /** The presented notes sit in the mouth, then the customer takes them. */
  void customerTakesNotes() {
    set(DispenserIo.NOTE_PRESENT, true);
    set(DispenserIo.NOTE_PRESENT, false);
  }

  @Override
  public void close() {
    pi4j.shutdown();
  }
}
