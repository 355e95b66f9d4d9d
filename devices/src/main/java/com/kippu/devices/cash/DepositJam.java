package com.kippu.devices.cash;

/**
 * The deposit path of a cash unit jammed while handing a deposit back to the customer: the notes
 * did not come out and are still inside the unit.
 */
public final class DepositJam extends Exception {

  public DepositJam(String message) {
    super(message);
  }
}
