package com.kippu.devices.cash;

import java.util.List;
import java.util.function.Consumer;

/**
 * The deposit side of a cash unit: where the customer inserts coins and notes and where a repaid
 * deposit comes back out. It reports every insertion to the listener given to {@link #attach}; the
 * listener throws IllegalStateException when no deposit is accepting cash, and the cash is then not
 * taken in. A jam in the deposit transport is reported to the jam listener after the insertion that
 * jammed was reported (the notes were counted before the transport stopped).
 */
public interface CashAcceptor extends AutoCloseable {

  /** The denominations it recognises, in cash-list order. */
  List<Denomination> denominations();

  /** Starts reporting insertions to {@code inserted} and transport jams to {@code jammed}. */
  void attach(Consumer<CashCounts> inserted, Consumer<String> jammed);

  /** Opens or closes the insertion slot (beginDeposit / pause / fix). */
  void setAccepting(boolean accepting);

  /**
   * Hands {@code counts} back to the customer (UnifiedPOS endDeposit(CHAN_DEPOSIT_REPAY)).
   *
   * @throws DepositJam when the notes jammed on the way out; none reached the customer
   */
  void repay(CashCounts counts) throws DepositJam;

  /** Stops reporting insertions and closes the slot; idempotent. */
  @Override
  void close();
}
