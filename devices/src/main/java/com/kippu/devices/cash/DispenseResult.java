package com.kippu.devices.cash;

/**
 * How a dispense ended when no fault stopped it: the customer took the cash, or did not take it in
 * time and it was retracted into the retract bin.
 */
public record DispenseResult(Outcome outcome, CashCounts counts) {

  /** Where the dispensed pieces went. */
  public enum Outcome {
    TAKEN,
    RETRACTED
  }

  public static DispenseResult taken(CashCounts counts) {
    return new DispenseResult(Outcome.TAKEN, counts);
  }

  public static DispenseResult retracted(CashCounts counts) {
    return new DispenseResult(Outcome.RETRACTED, counts);
  }
}
