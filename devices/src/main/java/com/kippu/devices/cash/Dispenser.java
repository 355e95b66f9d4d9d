package com.kippu.devices.cash;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The dispense side of a cash unit, the backend a CashChanger service pays out through (simulated,
 * or GPIO hardware). Every piece it counts moves from stock to the dispense escrow in the {@link
 * CashLedger} it was built with, and from there to the customer or the retract bin, so the ledger
 * is right after any fault. One dispense at a time; a faulted dispenser refuses to dispense until
 * {@link #clearFault} succeeds.
 */
public interface Dispenser extends AutoCloseable {

  /** The denominations it holds, in cash-list order. */
  List<Denomination> denominations();

  /**
   * Starts paying out {@code counts} (already checked against stock and {@link #denominations}).
   * The future completes with the outcome once the unit is idle again, or exceptionally with a
   * {@link DispenserFault}.
   */
  CompletableFuture<DispenseResult> dispense(CashCounts counts);

  /** Whether a fault (jam, shutter, pieces left in escrow) stops it; see {@link #faultReason}. */
  boolean faulted();

  /** Why it is faulted, or "" when it is not. */
  String faultReason();

  /**
   * Checks that the cash path is clear after an operator intervened; pieces still in the dispense
   * escrow are counted into the retract bin. Does nothing when not faulted.
   *
   * @throws DispenserFault ({@link DispenserFault.Kind#NOT_CLEAR}) naming what is still wrong
   */
  void clearFault() throws DispenserFault;

  /**
   * Power came back after a loss: the unit's reset cycle. Pieces a power loss stopped in the
   * dispense escrow go to the retract bin and the power-loss fault clears; a mechanical fault stays
   * until {@link #clearFault}. Does nothing by default (a unit that restarts with its host).
   */
  default void powerRestored() {}

  /** Stops every actuator (motor off) and releases the hardware; idempotent. */
  @Override
  void close();
}
