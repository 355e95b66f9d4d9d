package com.kippu.devices.cash;

import java.util.List;
import java.util.function.Consumer;

/**
 * The deposit side of a cash unit: where the customer inserts coins and notes and where a repaid
 * deposit comes back out. It reports every insertion to the listener given to {@link #attach}; the
 * listener throws IllegalStateException when no deposit is accepting cash, and the cash is then not
 * taken in.
 */
public interface CashAcceptor extends AutoCloseable {

  /** The denominations it recognises, in cash-list order. */
  List<Denomination> denominations();

  /** Starts reporting insertions to {@code inserted}. */
  void attach(Consumer<CashCounts> inserted);

  /** Opens or closes the insertion slot (beginDeposit / pause / fix). */
  void setAccepting(boolean accepting);

  /** Hands {@code counts} back to the customer (UnifiedPOS endDeposit(CHAN_DEPOSIT_REPAY)). */
  void repay(CashCounts counts);

  /** Stops reporting insertions and closes the slot; idempotent. */
  @Override
  void close();
}
