package com.kippu.center.reservation;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory claim cursors over each event's free seats, best first (dearest section, then front
 * rows), so concurrent best-available requests get different seats without touching the database.
 * Only a hint: the database's conditional UPDATE decides, and a seat it refuses is dropped here.
 *
 * <p>A seat handed out stays "in flight" until the writer reports held, refused or given back, and
 * in-flight seats are never offered twice. Seats freed elsewhere (cancellations, expiries, other
 * centers) come back when an event runs short and its free seats are read again, at most once per
 * {@code reloadPause}; until then "not enough seats" is answered from memory, cheaply. A source may
 * cover only this node's share of an event ({@link SeatSource#widen}): running short then first
 * takes another share, and reads it at once.
 */
public final class SeatAllocator {
  /** Reads the seats of an event whose row is AVAILABLE now, in any order. */
  @FunctionalInterface
  public interface SeatSource {
    List<Seat> availableSeats(EventId eventId);

    /**
     * Makes {@link #availableSeats} cover more of the event than its last read (a source that hands
     * each center node its own share of the seats takes another share); true when it did, so the
     * allocator reads again at once instead of answering "not enough seats". A source that always
     * covers the whole event answers false.
     */
    default boolean widen(EventId eventId) {
      return false;
    }
  }

  /** Best first: dearest price, section name, numeric row, seat number. */
  public static final Comparator<Seat> BEST_FIRST =
      Comparator.comparingLong(Seat::priceYen)
          .reversed()
          .thenComparing(Seat::section)
          .thenComparingInt(s -> rowNumber(s.row()))
          .thenComparing(Seat::row)
          .thenComparingInt(Seat::number);

  private final SeatSource source;
  private final Clock clock;
  private final Duration reloadPause;
  private final Map<EventId, EventSeats> events = new ConcurrentHashMap<>();

  public SeatAllocator(SeatSource source, Clock clock, Duration reloadPause) {
    if (reloadPause.isNegative()) {
      throw new IllegalArgumentException("reload pause must not be negative");
    }
    this.source = source;
    this.clock = clock;
    this.reloadPause = reloadPause;
  }

  /**
   * Takes the best {@code quantity} free seats of the event (of {@code section} when given; across
   * sections otherwise), or empty when not that many are left.
   */
  public Optional<List<Seat>> take(EventId eventId, Optional<String> section, int quantity) {
    return events.computeIfAbsent(eventId, EventSeats::new).take(section, quantity);
  }

  /** Reads the event's free seats now (a sale about to open), instead of on its first request. */
  public void prime(EventId eventId) {
    events.computeIfAbsent(eventId, EventSeats::new).prime();
  }

  /** The database holds these seats for us now: they leave the allocator for good. */
  public void held(EventId eventId, List<Seat> seats) {
    events(eventId).settle(seats, List.of(), Set.of());
  }

  /**
   * The database refused {@code refused} (someone else holds them) and wrote nothing for the other
   * seats of the hold: the first are forgotten, the rest can be offered again.
   */
  public void refused(EventId eventId, List<Seat> seats, Collection<SeatId> refused) {
    Set<SeatId> gone = Set.copyOf(refused);
    List<Seat> back = seats.stream().filter(s -> !gone.contains(s.seatId())).toList();
    events(eventId).settle(seats, back, gone);
  }

  /** Nothing was written for these seats (rollback, repeated request): offer them again. */
  public void giveBack(EventId eventId, List<Seat> seats) {
    events(eventId).settle(seats, seats, Set.of());
  }

  private EventSeats events(EventId eventId) {
    EventSeats seats = events.get(eventId);
    if (seats == null) {
      throw new IllegalStateException("no seats were handed out for " + eventId);
    }
    return seats;
  }

  /** Numeric rows sort as numbers (2 before 10); other labels as 0, then by label. */
  private static int rowNumber(String row) {
    if (row.isEmpty() || row.length() > 9) {
      return 0;
    }
    for (int i = 0; i < row.length(); i++) {
      if (row.charAt(i) < '0' || row.charAt(i) > '9') {
        return 0;
      }
    }
    return Integer.parseInt(row);
  }

  /** One event's free seats per section, sections in best-first order. */
  private final class EventSeats {
    private final EventId eventId;
    private final Map<String, ArrayDeque<Seat>> sections = new LinkedHashMap<>();
    private final Set<SeatId> inFlight = new HashSet<>();

    /** Seats held or refused while a read was out: that read may still show them AVAILABLE. */
    private final Set<SeatId> settledWhileReading = new HashSet<>();

    private Instant loadedAt;
    private boolean reloading;
    private int free;

    EventSeats(EventId eventId) {
      this.eventId = eventId;
    }

    Optional<List<Seat>> take(Optional<String> section, int quantity) {
      boolean reloaded = false;
      while (true) {
        Optional<List<Seat>> taken = takeOrStartReload(section, quantity, reloaded);
        if (taken != null) {
          return taken;
        }
        // The database is read outside the lock: requests this event can still serve go on.
        Instant started = clock.instant();
        List<Seat> seats = null;
        try {
          seats = source.availableSeats(eventId);
        } finally {
          finishReload(seats, started);
        }
        reloaded = true;
      }
    }

    void prime() {
      synchronized (this) {
        while (reloading) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        reloading = true;
        settledWhileReading.clear();
      }
      Instant started = clock.instant();
      List<Seat> seats = null;
      try {
        seats = source.availableSeats(eventId);
      } finally {
        finishReload(seats, started);
      }
    }

    /** The seats, empty when short, or null when this thread must read the event again. */
    private synchronized Optional<List<Seat>> takeOrStartReload(
        Optional<String> section, int quantity, boolean reloaded) {
      while (reloading) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
      if (!enough(section, quantity)) {
        // Our share of the event ran short: take another share before calling it sold out.
        boolean widened = source.widen(eventId);
        if (!widened && (reloaded || !mayReload())) {
          return Optional.empty();
        }
        reloading = true;
        settledWhileReading.clear();
        return null;
      }
      List<Seat> taken = new ArrayList<>(quantity);
      for (Map.Entry<String, ArrayDeque<Seat>> e : sections.entrySet()) {
        if (section.isPresent() && !section.get().equals(e.getKey())) {
          continue;
        }
        while (taken.size() < quantity && !e.getValue().isEmpty()) {
          taken.add(e.getValue().pollFirst());
        }
      }
      free -= taken.size();
      taken.forEach(s -> inFlight.add(s.seatId()));
      return Optional.of(taken);
    }

    /** Installs a fresh read ({@code null}: the read failed, keep what we had). */
    private synchronized void finishReload(List<Seat> available, Instant startedAt) {
      reloading = false;
      notifyAll();
      if (available == null) {
        return;
      }
      List<Seat> seats = new ArrayList<>(available);
      seats.removeIf(
          s -> inFlight.contains(s.seatId()) || settledWhileReading.contains(s.seatId()));
      settledWhileReading.clear();
      seats.sort(BEST_FIRST);
      sections.clear();
      for (Seat s : seats) {
        sections.computeIfAbsent(s.section(), k -> new ArrayDeque<>()).addLast(s);
      }
      free = seats.size();
      loadedAt = startedAt;
    }

    /** Ends the flight of {@code seats}; {@code back} are offered again, best first. */
    synchronized void settle(List<Seat> seats, List<Seat> back, Set<SeatId> refused) {
      seats.forEach(s -> inFlight.remove(s.seatId()));
      if (reloading) {
        // Held or refused now, but the read under way may have seen them free.
        seats.stream()
            .filter(s -> !back.contains(s))
            .forEach(s -> settledWhileReading.add(s.seatId()));
      }
      List<Seat> ordered = new ArrayList<>(back);
      ordered.sort(BEST_FIRST.reversed());
      for (Seat s : ordered) {
        sections.computeIfAbsent(s.section(), k -> new ArrayDeque<>()).addFirst(s);
        free++;
      }
      if (!refused.isEmpty()) {
        // Someone else writes to this event: read it again when it next runs short.
        loadedAt = null;
      }
    }

    private boolean enough(Optional<String> section, int quantity) {
      if (section.isEmpty()) {
        return free >= quantity;
      }
      ArrayDeque<Seat> seats = sections.get(section.get());
      return seats != null && seats.size() >= quantity;
    }

    private boolean mayReload() {
      return loadedAt == null || !clock.instant().isBefore(loadedAt.plus(reloadPause));
    }
  }
}
