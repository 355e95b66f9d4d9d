package com.kippu.center.reservation.sql;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
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
 * database do not walk the same seats. An event's seats, sold ones included, are ranked best first
 * ({@link SeatAllocator#BEST_FIRST}) and cut into {@value #STRIPES} stripes of consecutive seats,
 * the same on every node (the ranking is read once per event). A node owns a stripe while it holds
 * the session advisory lock (event, stripe) on a connection of its own; it starts with the best
 * stripe no other node holds and takes the next whenever its allocator runs short, so a node alone
 * sells in exactly the best-first order, and two sell the best two free stripes at once. When every
 * stripe with free seats is another node's, the node sells from the whole event (the tail of a
 * sale) and lets its locks go.
 *
 * <p>Only a hint, never the guard: a seat is held only by the conditional UPDATE of a row still
 * AVAILABLE, so two nodes that both read a seat (a lost lock connection, the tail) cost one of them
 * a refused seat, never an oversold one. A node that stops loses its connection and with it its
 * stripes, which other nodes then take.
 */
public final class SeatStripes implements SeatAllocator.SeatSource, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SeatStripes.class.getName());

  /** Stripes per event. */
  public static final int STRIPES = 32;

  private static final String ALL_SEATS = "SELECT * FROM seat WHERE event_id = ?";
  private static final String FREE_SEATS =
      "SELECT * FROM seat WHERE event_id = ? AND status = 'AVAILABLE'";

  private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext(?), ?)";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext(?), ?)";

  /** One event's share on this node. */
  private static final class Share {
    final Set<Integer> owned = new HashSet<>();

    /** The stripe of every seat of the event; null until the first read. */
    Map<SeatId, Integer> stripeOf;

    /** Free seats per stripe at the last read: where to look next. */
    Map<Integer, Integer> lastSeen = Map.of();

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
    Share share = shares.computeIfAbsent(eventId, id -> new Share());
    Map<Integer, List<Seat>> byStripe = db.read(c -> freeByStripe(c, eventId, share));
    synchronized (share) {
      Map<Integer, Integer> seen = new HashMap<>();
      byStripe.forEach((stripe, seats) -> seen.put(stripe, seats.size()));
      share.lastSeen = seen;
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
   * Takes the best stripe with free seats at the last read that no other node holds, or, when every
   * stripe with free seats is another node's, turns to the whole event and lets this node's stripes
   * go.
   */
  private void takeStripe(EventId eventId, Share share) {
    List<Integer> candidates = new ArrayList<>();
    share.lastSeen.forEach(
        (stripe, free) -> {
          if (free > 0 && !share.owned.contains(stripe)) {
            candidates.add(stripe);
          }
        });
    // Stripe 0 holds the best seats.
    candidates.sort(Comparator.naturalOrder());
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

  /**
   * The event's free seats by stripe. The first read of an event reads all its seats and ranks
   * them; later ones read the free seats only, and rank again if a seat is new (an event whose seat
   * map changed).
   */
  private static Map<Integer, List<Seat>> freeByStripe(Connection c, EventId eventId, Share share)
      throws SQLException {
    Map<SeatId, Integer> known;
    synchronized (share) {
      known = share.stripeOf;
    }
    if (known != null) {
      List<Seat> free = seats(c, FREE_SEATS, eventId);
      if (free.stream().allMatch(seat -> known.containsKey(seat.seatId()))) {
        return byStripe(free, known);
      }
    }
    List<Seat> all = seats(c, ALL_SEATS, eventId);
    all.sort(SeatAllocator.BEST_FIRST);
    Map<SeatId, Integer> ranked = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      ranked.put(all.get(i).seatId(), (int) ((long) i * STRIPES / all.size()));
    }
    synchronized (share) {
      share.stripeOf = ranked;
    }
    return byStripe(
        all.stream().filter(seat -> seat.status() == SeatStatus.AVAILABLE).toList(), ranked);
  }

  private static Map<Integer, List<Seat>> byStripe(List<Seat> free, Map<SeatId, Integer> stripeOf) {
    Map<Integer, List<Seat>> byStripe = new HashMap<>();
    for (Seat seat : free) {
      byStripe.computeIfAbsent(stripeOf.get(seat.seatId()), k -> new ArrayList<>()).add(seat);
    }
    return byStripe;
  }

  private static List<Seat> seats(Connection c, String sql, EventId eventId) throws SQLException {
    List<Seat> seats = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, eventId.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seats.add(SqlCatalogRepository.seat(rs, SeatStatus.valueOf(rs.getString("status"))));
        }
      }
    }
    return seats;
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
