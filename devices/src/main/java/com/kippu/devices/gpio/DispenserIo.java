package com.kippu.devices.gpio;

/**
 * The GPIO lines of the note dispenser, each configured by a jpos.xml pin property. All are active
 * high: an output drives its actuator or LED when high, an input reads high when its sensor or
 * limit switch is active.
 */
public enum DispenserIo {
  /** Output: feed motor; a note leaves the cassette while it runs. */
  MOTOR("motorPin", true),
  /** Output: high opens the shutter, low closes it. */
  SHUTTER_DRIVE("shutterDrivePin", true),
  READY_LED("readyLedPin", true),
  BUSY_LED("busyLedPin", true),
  FAULT_LED("faultLedPin", true),
  /** Input: one pulse (low → high) per note passing the count sensor. */
  COUNT_SENSOR("countSensorPin", false),
  /** Input: limit switch, high when the shutter is fully open. */
  SHUTTER_OPEN("shutterOpenPin", false),
  /** Input: limit switch, high when the shutter is fully closed. */
  SHUTTER_CLOSED("shutterClosedPin", false),
  /** Input: high while notes sit in the shutter mouth. */
  NOTE_PRESENT("notePresentPin", false);

  private final String property;
  private final boolean output;

  DispenserIo(String property, boolean output) {
    this.property = property;
    this.output = output;
  }

  /** The jpos.xml property holding the BCM pin number. */
  public String property() {
    return property;
  }

  public boolean isOutput() {
    return output;
  }

  /** The Pi4J I/O id of this line for the device {@code device}, e.g. "CashDispenser.motor". */
  public String id(String device) {
    return device + "." + property.substring(0, property.length() - "Pin".length());
  }
}
