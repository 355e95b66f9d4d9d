package com.kippu.center.reservation;

import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.Seat;
import com.kippu.center.signing.SignedDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Holds the best seats still free for a terminal that names a quantity (and maybe a section) rather
 * than seats. The {@link SeatClaims} strategy finds and writes the seats; this class builds and
 * signs the hold, and answers a repeated request number with the reservation it made the first
 * time, exactly as a hold of named seats does.
 */
public final class BestAvailableHolds {
  /** How long catalog data (event, issuer, key) is reused between reads. */
  public static final Duration CATALOG_TTL = Duration.ofSeconds(1);

  private final Sellers sellers;
  private final ReservationRepository reservations;
  private final SeatClaims claims;
  private final NumberGenerator numbers;
  private final Clock clock;
  private final Duration holdDuration;
  private final Executor replays;

  public BestAvailableHolds(
      CatalogRepository catalog,
      ReservationRepository reservations,
      SeatClaims claims,
      NumberGenerator numbers,
      Clock clock,
      Duration holdDuration) {
    this(catalog, reservations, claims, numbers, clock, holdDuration, ForkJoinPool.commonPool());
  }

  /** {@code replays} reads the earlier answer to a repeated request. */
  public BestAvailableHolds(
      CatalogRepository catalog,
      ReservationRepository reservations,
      SeatClaims claims,
      NumberGenerator numbers,
      Clock clock,
      Duration holdDuration,
      Executor replays) {
    if (holdDuration.isNegative() || holdDuration.isZero()) {
      throw new IllegalArgumentException("hold duration must be positive");
    }
    this.sellers = new Sellers(catalog, clock, CATALOG_TTL);
    this.reservations = reservations;
    this.claims = claims;
    this.numbers = numbers;
    this.clock = clock;
    this.holdDuration = holdDuration;
    this.replays = replays;
  }

  /** Holds {@code cmd.quantity()} seats, or replays the earlier answer to the same request. */
  public Result<Hold> hold(BestAvailableCommand cmd) {
    try {
      return holdLater(cmd).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * The same hold, answered when its write has committed; the calling thread does not wait for the
   * database. A replay of an earlier request is read on {@code replays}, never on a writer.
   */
  public CompletableFuture<Result<Hold>> holdLater(BestAvailableCommand cmd) {
    Optional<Sellers.Seller> seller = sellers.of(cmd.eventId());
    if (seller.isEmpty()) {
      return CompletableFuture.completedFuture(
          Result.failed(Outcome.EVENT_NOT_FOUND, "no event " + cmd.eventId(), "eventId"));
    }
    return claims
        .claimLater(cmd, seats -> make(cmd, seller.get(), seats))
        .thenCompose(
            claim -> {
              if (claim instanceof SeatClaims.Held held) {
                return CompletableFuture.completedFuture(Result.created(held.hold()));
              }
              if (claim instanceof SeatClaims.NotEnoughSeats) {
                return CompletableFuture.completedFuture(
                    Result.<Hold>failed(
                        Outcome.SEAT_UNAVAILABLE,
                        "fewer than "
                            + cmd.quantity()
                            + " seats left"
                            + cmd.section().map(s -> " in section " + s).orElse(""),
                        "quantity"));
              }
              return CompletableFuture.supplyAsync(() -> replay(cmd, seller.get()), replays);
            });
  }

  private Hold make(BestAvailableCommand cmd, Sellers.Seller seller, List<Seat> seats) {
    Instant now = now();
    Reservation hold =
        Reservation.hold(
            numbers.reservationNumber(),
            cmd.terminalId(),
            cmd.requestNumber(),
            cmd.cardId(),
            cmd.eventId(),
            seller.issuer().issuerId(),
            seats.stream().map(ReservedSeat::of).toList(),
            now,
            now.plus(holdDuration));
    SignedDocument signed =
        seller.key().sign(SignedPayloads.reservation(hold, seller.issuer(), seller.event()));
    return new Hold(hold, seller.issuer(), signed);
  }

  private Result<Hold> replay(BestAvailableCommand cmd, Sellers.Seller seller) {
    Instant now = now();
    return reservations.write(
        store -> {
          Optional<Reservation> previous =
              store.findByRequest(cmd.terminalId(), cmd.requestNumber());
          if (previous.isEmpty() || !cmd.matches(previous.get())) {
            return Result.failed(
                Outcome.REQUEST_NUMBER_REUSED,
                "request number " + cmd.requestNumber() + " was used for a different reservation",
                "requestNumber");
          }
          Reservation current = ReservationService.expireIfOverdue(store, previous.get(), now);
          return Result.created(
              new Hold(current, seller.issuer(), store.signedReservation(current.number())));
        });
  }

  /** Millisecond precision: what the store keeps, so reloaded times compare equal. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
