package com.kippu.center.reservation.sql;

import com.kippu.center.CenterConfig;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.db.Database;
import com.kippu.center.db.PostgresDatabase;
import com.kippu.center.db.StoreException;
import com.kippu.center.reservation.BestAvailableCommand;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.SeatAllocator;
import com.kippu.center.reservation.SeatClaims;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Best-available holds with group commit. Seats come from an in-memory {@link SeatAllocator}, each
 * hold is built and signed on its request thread, and a few writer threads write every hold waiting
 * at that moment in one transaction ({@link HoldBatch}): one commit, and one WAL flush, for many
 * terminals. The database still decides every seat: a seat whose conditional UPDATE changes no row
 * is refused, the hold is taken out of the batch, and the request tries other seats. On PostgreSQL
 * the allocator reads only this node's {@link SeatStripes} of an event, so center nodes sharing the
 * database do not walk the same seats.
 */
public final class BatchedSeatClaims implements SeatClaims, MeterBinder {
  private static final System.Logger LOG = System.getLogger(BatchedSeatClaims.class.getName());

  /** Tries per request when the database keeps refusing seats (another writer on the event). */
  static final int ATTEMPTS = 4;

  /** A hold waiting for its batch, with the seats the allocator handed out for it. */
  private record Pending(
      EventId eventId, Hold hold, List<Seat> seats, CompletableFuture<HoldBatch.Written> done) {}

  private final Database db;
  private final SeatAllocator allocator;
  private final CenterConfig.SeatClaims settings;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private final SeatStripes stripes;
  private final AtomicLong refusedSeats = new AtomicLong();
  private volatile boolean closed;
  private volatile HoldBatchMetrics metrics =
      new HoldBatchMetrics(new CompositeMeterRegistry(), queue);

  private BatchedSeatClaims(
      Database db, SeatAllocator allocator, CenterConfig.SeatClaims settings, SeatStripes stripes) {
    this.db = db;
    this.allocator = allocator;
    this.settings = settings;
    this.stripes = stripes;
  }

  /**
   * Seats the database refused since start (another writer held them first): with several nodes on
   * one database, how often they walked the same seats.
   */
  public long refusedSeats() {
    return refusedSeats.get();
  }

  /** The seat stripes of {@code eventId} this node owns now (PostgreSQL; empty on SQLite). */
  public Set<Integer> ownedStripes(EventId eventId) {
    return stripes == null ? Set.of() : stripes.owned(eventId);
  }

  /** Starts the writer threads on {@code db}; {@code clock} paces re-reads of free seats. */
  public static BatchedSeatClaims start(
      Database db, Clock clock, CenterConfig.SeatClaims settings) {
    SqlReservationRepository repository = new SqlReservationRepository(db);
    // On PostgreSQL several center nodes may share the database: each walks its own seats.
    SeatStripes stripes = db instanceof PostgresDatabase pg ? new SeatStripes(pg) : null;
    SeatAllocator allocator =
        new SeatAllocator(
            stripes != null
                ? stripes
                : eventId -> repository.read(store -> store.availableSeats(eventId)),
            clock,
            settings.reloadPause());
    BatchedSeatClaims claims = new BatchedSeatClaims(db, allocator, settings, stripes);
    for (int i = 1; i <= settings.writers(); i++) {
      Thread t = new Thread(claims::writeLoop, "center-hold-writer-" + i);
      t.setDaemon(true);
      claims.writers.add(t);
      t.start();
    }
    return claims;
  }

  /** Publishes the batches' meters ({@link HoldBatchMetrics}) to {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    metrics = new HoldBatchMetrics(registry, queue);
  }

  @Override
  public void prepare(EventId eventId) {
    allocator.prime(eventId);
  }

  @Override
  public Claim claim(BestAvailableCommand cmd, HoldMaker maker) {
    try {
      return claimLater(cmd, maker).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted waiting for a hold of " + cmd.eventId(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new StoreException("hold of " + cmd.eventId() + " failed", e.getCause());
    }
  }

  @Override
  public CompletableFuture<Claim> claimLater(BestAvailableCommand cmd, HoldMaker maker) {
    CompletableFuture<Claim> result = new CompletableFuture<>();
    attempt(cmd, maker, 1, result);
    return result;
  }

  /**
   * Takes seats, has the hold made and queues it; its batch settles {@code result}, or tries again
   * with other seats when the database refused some (on the writer's thread: that is rare).
   */
  private void attempt(
      BestAvailableCommand cmd, HoldMaker maker, int attempt, CompletableFuture<Claim> result) {
    Optional<List<Seat>> seats = allocator.take(cmd.eventId(), cmd.section(), cmd.quantity());
    if (seats.isEmpty()) {
      result.complete(new NotEnoughSeats());
      return;
    }
    Hold hold;
    try {
      hold = maker.make(seats.get());
    } catch (RuntimeException e) {
      allocator.giveBack(cmd.eventId(), seats.get());
      result.completeExceptionally(e);
      return;
    }
    Pending pending = new Pending(cmd.eventId(), hold, seats.get(), new CompletableFuture<>());
    if (!enqueue(pending)) {
      result.completeExceptionally(new IllegalStateException("the center is shutting down"));
      return;
    }
    pending
        .done()
        .orTimeout(settings.commitTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (written, failure) -> {
              if (failure != null) {
                result.completeExceptionally(failed(pending, failure));
                return;
              }
              switch (written.verdict()) {
                case HELD -> result.complete(new Held(hold));
                case REPEATED_REQUEST -> result.complete(new AlreadyRequested());
                default -> {
                  // Seats refused or number taken: try again with what the allocator has now.
                  if (attempt < ATTEMPTS) {
                    attempt(cmd, maker, attempt + 1, result);
                  } else {
                    result.complete(new NotEnoughSeats());
                  }
                }
              }
            });
  }

  /** Queues a hold for the writers; false (seats given back) when the center is closing. */
  private boolean enqueue(Pending pending) {
    if (closed) {
      allocator.giveBack(pending.eventId(), pending.seats());
      return false;
    }
    queue.add(pending);
    if (closed && queue.remove(pending)) {
      allocator.giveBack(pending.eventId(), pending.seats());
      return false;
    }
    return true;
  }

  private static RuntimeException failed(Pending pending, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      // The batch may still commit: a retry of the same request number finds the hold then.
      return new StoreException("hold " + number(pending) + " not confirmed in time", cause);
    }
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new StoreException("hold " + number(pending) + " failed", cause);
  }

  private static String number(Pending p) {
    return p.hold().reservation().number().value();
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, settings.batchSize() - 1);
        write(batch);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        // write() settles its own failures; anything here is a bug that must not kill the writer.
        LOG.log(System.Logger.Level.ERROR, "hold writer failed", e);
        batch.stream().filter(p -> !p.done().isDone()).forEach(p -> fail(p, e));
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    List<HoldBatch.Written> written;
    long started = System.nanoTime();
    try {
      written =
          db.write(
              c -> HoldBatch.write(c, db.dialect(), batch.stream().map(Pending::hold).toList()));
      metrics.committed(System.nanoTime() - started, written);
    } catch (RuntimeException e) {
      boolean alone = batch.size() > 1 && isDataError(e);
      metrics.failed(System.nanoTime() - started, batch.size(), alone);
      if (alone) {
        // One bad hold must not sink the others: write each alone to find it.
        batch.forEach(p -> write(List.of(p)));
      } else {
        batch.forEach(p -> fail(p, e));
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      HoldBatch.Written w = written.get(i);
      switch (w.verdict()) {
        case HELD -> allocator.held(p.eventId(), p.seats());
        case SEAT_REFUSED -> {
          refusedSeats.addAndGet(w.refused().size());
          allocator.refused(p.eventId(), p.seats(), w.refused());
        }
        default -> allocator.giveBack(p.eventId(), p.seats());
      }
      p.done().complete(w);
    }
  }

  private void fail(Pending p, RuntimeException e) {
    allocator.giveBack(p.eventId(), p.seats());
    p.done().completeExceptionally(e);
  }

  /** An integrity or data error (SQLSTATE class 23 or 22): caused by a hold, not the database. */
  private static boolean isDataError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return state.startsWith("23") || state.startsWith("22");
      }
    }
    return false;
  }

  @Override
  public void close() {
    // Writers finish the batch in hand (its requests are waiting) and then see the flag.
    closed = true;
    for (Thread t : writers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(p -> fail(p, new IllegalStateException("the center is shutting down")));
    if (stripes != null) {
      stripes.close();
    }
  }
}
