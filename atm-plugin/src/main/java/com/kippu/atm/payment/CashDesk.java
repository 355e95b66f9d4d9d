package com.kippu.atm.payment;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The terminal's cash unit as the cash payment sees it (S1 ¶57, S2 ¶23): the customer's cash is
 * counted into an escrow that stays theirs until {@link #keep} stores it, and {@link #repay} hands
 * back exactly the pieces inserted. Every failure says where the cash concerned is ({@link
 * CashDeskException.Fault}), so no yen is lost or counted twice. One customer session at a time.
 */
public interface CashDesk {

  /** Whether the unit's cash box is full, so it takes no more deposits. */
  boolean full() throws CashDeskException;

  /** Opens the slot for a new deposit. */
  void openSlot() throws CashDeskException;

  /** Closes the slot for now and returns what the unit counted so far; the cash stays in escrow. */
  Cash closeSlot() throws CashDeskException;

  /** Opens the slot again for more of the same deposit. */
  void reopenSlot() throws CashDeskException;

  /** Ends the insertion for good and returns the deposit, still in escrow. */
  Cash fix() throws CashDeskException;

  /** Hands the whole open deposit back to the customer; returns what was repaid (none: empty). */
  Cash repay() throws CashDeskException;

  /** Stores the fixed deposit; {@code change} is paid out afterwards with {@link #pay}. */
  void keep(Money change) throws CashDeskException;

  /** Whether the stock can pay exactly {@code amount} now. */
  boolean canPay(Money amount) throws CashDeskException;

  /** Pays {@code amount} out of the stock (change, or a refund); returns once it was taken. */
  void pay(Money amount) throws CashDeskException;

  /** The value of the unit's stock, as its own persisted counts say. */
  Money stock() throws CashDeskException;

  /**
   * Notes and coins: pieces by face value in yen.
   *
   * @param pieces count by face value (e.g. 10000 -> 1), face values ascending
   */
  record Cash(NavigableMap<Integer, Integer> pieces) {
    public Cash {
      pieces = Collections.unmodifiableNavigableMap(new TreeMap<>(pieces));
      pieces.forEach(
          (face, count) -> {
            if (face <= 0 || count < 0) {
              throw new IllegalArgumentException("bad cash pieces " + face + "x" + count);
            }
          });
    }

    public static Cash none() {
      return new Cash(new TreeMap<>());
    }

    public static Cash of(Map<Integer, Integer> pieces) {
      return new Cash(new TreeMap<>(pieces));
    }

    public Money amount() {
      return Money.yen(
          pieces.entrySet().stream().mapToLong(e -> (long) e.getKey() * e.getValue()).sum());
    }

    public boolean isEmpty() {
      return amount().yen() == 0;
    }

    /**
     * The pieces as written in the journal and on screens for staff, e.g. {@code 5000x1,1000x3}.
     */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      pieces
          .descendingMap()
          .forEach(
              (face, count) -> {
                if (count > 0) {
                  s.append(s.length() == 0 ? "" : ",").append(face).append('x').append(count);
                }
              });
      return s.length() == 0 ? "none" : s.toString();
    }
  }

  /** The unit failed; {@link #fault()} says where the cash concerned ({@link #amount()}) is now. */
  final class CashDeskException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Where the customer's cash is after the failure. */
    public enum Fault {
      /** The call did not start (jammed, no power): the unit holds none of this customer's cash. */
      OUT_OF_SERVICE,
      /** The cash box is full: the call did not start. */
      FULL,
      /** The deposit stays in escrow; the unit repays it by itself once it works again. */
      HELD_IN_ESCROW,
      /** A jam kept the cash in the unit's retract bin; staff hand it back. */
      RETAINED,
      /** Whether the cash reached the customer is unknown; the unit asks staff to count it. */
      FATE_UNKNOWN,
      /**
       * A payout did not reach the customer; its pieces are in the unit (escrow or retract bin).
       */
      NOT_PAID_OUT
    }

    /**
     * What the unit went through, beside where the cash is: the cash closing counts the day's jams
     * and retracts from what the sessions journaled of them.
     */
    public enum Mishap {
      /** Nothing the unit did: no power, a full box, a call refused. */
      NONE,
      /** A jam on the deposit or the dispense path; the unit stops until staff clear it. */
      JAM,
      /** Cash put out was not taken in time and the unit retracted it into its bin. */
      RETRACT
    }

    private final Fault fault;
    private final Mishap mishap;
    private final long amountYen;

    public CashDeskException(Fault fault, Money amount, String message, Throwable cause) {
      this(fault, Mishap.NONE, amount, message, cause);
    }

    public CashDeskException(
        Fault fault, Mishap mishap, Money amount, String message, Throwable cause) {
      super(message, cause);
      this.fault = Objects.requireNonNull(fault, "fault");
      this.mishap = Objects.requireNonNull(mishap, "mishap");
      this.amountYen = amount.yen();
    }

    public Fault fault() {
      return fault;
    }

    public Mishap mishap() {
      return mishap;
    }

    /** The cash concerned, as far as the unit counted it; zero when none was involved. */
    public Money amount() {
      return Money.yen(amountYen);
    }
  }
}
