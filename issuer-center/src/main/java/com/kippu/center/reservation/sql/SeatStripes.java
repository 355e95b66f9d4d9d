package com.kippu.center.reservation.sql;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatStatus;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.PostgresDatabase;
import com.kippu.center.reservation.SeatAllocator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each center node's own share of an event's free seats on PostgreSQL, so that several nodes on one
 * database do not walk the same seats. An event's rows are dealt into {@value #STRIPES} stripes by
 * a hash of section and row label (a row stays whole, so a group of seats can sit together, and
 * every stripe has good and bad seats). A node owns a stripe while it holds the session advisory
 * lock (event, stripe) on a connection of its own; it starts with one stripe and takes another,
 * best seats first, whenever its allocator runs short. When every stripe with free seats is another
 * node's, the node sells from the whole event (the tail of a sale) and lets its locks go.
 *
 * <p>Only a hint, never the guard: a seat is held only by the conditional UPDATE of a row still
 * AVAILABLE, so two nodes that both read a seat (a lost lock connection, the tail) cost one of them
 * a refused seat, never an oversold one. A node that stops loses its connection and with it its
 * stripes, which other nodes then take.
 */
public final class SeatStripes implements SeatAllocator.SeatSource, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SeatStripes.class.getName());

  /** Stripes per event; a power of two (the stripe is the hash masked). */
  public static final int STRIPES = 32;

  private static final String FREE_SEATS =
      "SELECT *, hashtext(section || '/' || row_label) & "
          + (STRIPES - 1)
          + " AS stripe FROM seat WHERE event_id = ? AND status = 'AVAILABLE'";

  private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext(?), ?)";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext(?), ?)";

  /** One event's share on this node. */
  private static final class Share {
    final Set<Integer> owned = new HashSet<>();

    /** Free seats per stripe at the last read, and the best price in each: where to look next. */
    Map<Integer, long[]> lastSeen = Map.of();

    boolean whole;

    boolean read;
  }

  private final PostgresDatabase db;
  private final Map<EventId, Share> shares = new ConcurrentHashMap<>();
  private final Object sessionLock = new Object();
  private Connection session;
  private volatile boolean closed;

  public SeatStripes(PostgresDatabase db) {
    this.db = db;
  }

  /** The stripes this node owns for {@code eventId} now; empty once it sells from the whole. */
  public Set<Integer> owned(EventId eventId) {
    Share share = shares.get(eventId);
    if (share == null) {
      return Set.of();
    }
    synchronized (share) {
      return Set.copyOf(share.owned);
    }
  }

  @Override
  public List<Seat> availableSeats(EventId eventId) {
    Map<Integer, List<Seat>> byStripe = db.read(c -> freeByStripe(c, eventId));
    Share share = shares.computeIfAbsent(eventId, id -> new Share());
    synchronized (share) {
      share.lastSeen = summary(byStripe);
      share.read = true;
      if (share.owned.isEmpty() && !share.whole) {
        takeStripe(eventId, share);
      }
      List<Seat> seats = new ArrayList<>();
      byStripe.forEach(
          (stripe, inStripe) -> {
            if (share.whole || share.owned.contains(stripe)) {
              seats.addAll(inStripe);
            }
          });
      return seats;
    }
  }

  @Override
  public boolean widen(EventId eventId) {
    Share share = shares.computeIfAbsent(eventId, id -> new Share());
    synchronized (share) {
      if (share.whole) {
        return false;
      }
      if (share.read) {
        takeStripe(eventId, share);
      }
      // Not read yet: the read it asks for takes the first stripe.
      return true;
    }
  }

  /**
   * Takes the free stripe with the best seats seen at the last read, or, when every stripe with
   * free seats is another node's, turns to the whole event and lets this node's stripes go.
   */
  private void takeStripe(EventId eventId, Share share) {
    List<Integer> candidates = new ArrayList<>();
    share.lastSeen.forEach(
        (stripe, seen) -> {
          if (!share.owned.contains(stripe)) {
            candidates.add(stripe);
          }
        });
    candidates.sort(
        Comparator.<Integer>comparingLong(s -> -share.lastSeen.get(s)[1])
            .thenComparingLong(s -> -share.lastSeen.get(s)[0]));
    for (int stripe : candidates) {
      if (lock(eventId, stripe, TRY_LOCK)) {
        share.owned.add(stripe);
        return;
      }
    }
    share.whole = true;
    for (int stripe : share.owned) {
      lock(eventId, stripe, UNLOCK);
    }
    share.owned.clear();
  }

  /** Runs a lock call on the session; false (and the node sells from the whole) on failure. */
  private boolean lock(EventId eventId, int stripe, String call) {
    synchronized (sessionLock) {
      if (closed) {
        return false;
      }
      try {
        if (session == null || !session.isValid(2)) {
          closeSession();
          session = db.openSession();
        }
        try (PreparedStatement ps = session.prepareStatement(call)) {
          ps.setString(1, "kippu-seat-stripe:" + eventId.value());
          ps.setInt(2, stripe);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
          }
        }
      } catch (SQLException e) {
        // Without the lock connection the node shares seats less well, never less safely.
        LOG.log(System.Logger.Level.WARNING, "seat stripe lock failed: " + e.getMessage());
        closeSession();
        return false;
      }
    }
  }

  private static Map<Integer, List<Seat>> freeByStripe(Connection c, EventId eventId)
      throws SQLException {
    Map<Integer, List<Seat>> byStripe = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(FREE_SEATS)) {
      ps.setString(1, eventId.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byStripe
              .computeIfAbsent(rs.getInt("stripe"), k -> new ArrayList<>())
              .add(SqlCatalogRepository.seat(rs, SeatStatus.AVAILABLE));
        }
      }
    }
    return byStripe;
  }

  /** Per stripe: {free seats, best price}. */
  private static Map<Integer, long[]> summary(Map<Integer, List<Seat>> byStripe) {
    Map<Integer, long[]> seen = new HashMap<>();
    byStripe.forEach(
        (stripe, seats) ->
            seen.put(
                stripe,
                new long[] {
                  seats.size(), seats.stream().mapToLong(Seat::priceYen).max().orElse(0)
                }));
    return seen;
  }

  private void closeSession() {
    if (session != null) {
      try {
        session.close();
      } catch (SQLException e) {
        // The server drops the session's locks with the connection either way.
      }
      session = null;
    }
  }

  /** Lets every stripe go (closing the session releases its advisory locks). */
  @Override
  public void close() {
    synchronized (sessionLock) {
      closed = true;
      closeSession();
    }
  }
}
