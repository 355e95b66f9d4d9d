package com.kippu.simulator.ops;

import com.kippu.atm.ops.OperationsLog;
import com.kippu.atm.ops.StaffCase;
import com.kippu.atm.ops.StaffQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The branch's operations file and its staff desk. In the simulated branch staff carry out a case's
 * action by hand (hand back the money, ask the issuer to void, reprint, write the card at the
 * counter) and confirm it here; the desk records what they confirmed.
 */
public final class BranchOperations {
  /** The operations log of a branch, beside its journal. */
  public static final String FILE = "operations.db";

  /** Records the action staff carried out by hand. */
  public static final StaffQueue.Desk DESK = BranchOperations::byHand;

  private static final Logger LOG = Logger.getLogger(BranchOperations.class.getName());

  private BranchOperations() {}

  /**
   * Appends one record to the operations log of the branch in {@code dir}. A log that cannot be
   * written is reported, never in the way of the operator's action.
   */
  public static void record(
      Path dir, Clock clock, OperationsLog.Kind kind, String subject, String text) {
    try (OperationsLog log = OperationsLog.open(dir.resolve(FILE), clock)) {
      log.record(kind, subject, text);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "operations log not written: " + kind + " " + subject, e);
    }
  }

  private static String byHand(StaffCase c) {
    return switch (c.action()) {
      case VOID_TICKET -> "issuer asked to void ticket " + c.subject();
      case REFUND -> "JPY " + c.amountYen() + " paid back at the counter (" + c.subject() + ")";
      case REPRINT -> "ticket " + c.subject() + " printed again";
      case WRITE_TO_CARD -> "ticket " + c.subject() + " written to the card at the counter";
      case ACKNOWLEDGE -> "acknowledged: no money moved";
    };
  }
}
