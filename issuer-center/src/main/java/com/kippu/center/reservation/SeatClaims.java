package com.kippu.center.reservation;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Seat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a best-available hold finds its seats and writes them. Implementations differ in how they
 * search and batch, never in the rule: a seat is held only by a conditional UPDATE of a row that is
 * still AVAILABLE, so the database has the last word on every seat.
 */
public interface SeatClaims extends AutoCloseable {

  /**
   * Finds {@code cmd.quantity()} seats, has {@code maker} build and sign the hold for them and
   * writes it, unless the terminal's request number already has a reservation.
   */
  Claim claim(BestAvailableCommand cmd, HoldMaker maker);

  /**
   * The same claim, settled later (when its write commits) instead of on the calling thread. By
   * default the claim runs on the calling thread.
   */
  default CompletableFuture<Claim> claimLater(BestAvailableCommand cmd, HoldMaker maker) {
    try {
      return CompletableFuture.completedFuture(claim(cmd, maker));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Gets ready for a sale of {@code eventId} before it opens, so no request pays for that. */
  default void prepare(EventId eventId) {}

  /** Stops any background work; pending claims fail. */
  @Override
  default void close() {}

  /** Builds and signs the hold for the seats found; may be called again with other seats. */
  @FunctionalInterface
  interface HoldMaker {
    Hold make(List<Seat> seats);
  }

  /** What a claim came to. */
  sealed interface Claim permits Held, AlreadyRequested, NotEnoughSeats {}

  /** The hold is committed. */
  record Held(Hold hold) implements Claim {}

  /** This terminal's request number already has a reservation; nothing was written. */
  record AlreadyRequested() implements Claim {}

  /** Fewer seats than asked are free (in the section, if one was named); nothing was written. */
  record NotEnoughSeats() implements Claim {}
}
