package com.kippu.devices.cash;

/**
 * A dispense or fault clearing that failed; {@link #kind} says why and {@link #inEscrow} what was
 * left in the dispense escrow (counted, neither in stock nor with the customer).
 */
public final class DispenserFault extends Exception {

  /** Why the dispenser stopped. */
  public enum Kind {
    /** Another dispense is running. */
    BUSY,
    /** The count sensor stopped while the motor ran. */
    JAM,
    /** The shutter did not reach a limit switch in time, or opened while the motor ran. */
    SHUTTER,
    /** The device was closed or lost power during the dispense. */
    OFFLINE,
    /** Refused: still faulted, or the cash path is not clear. */
    NOT_CLEAR,
    /** The hardware or the counts file failed; the motor was stopped. */
    FAILURE
  }

  private final Kind kind;
  private final CashCounts inEscrow;

  public DispenserFault(Kind kind, String message, CashCounts inEscrow) {
    super(message);
    this.kind = kind;
    this.inEscrow = inEscrow;
  }

  public Kind kind() {
    return kind;
  }

  public CashCounts inEscrow() {
    return inEscrow;
  }
}
