package com.kippu.center.reservation.sql;

import com.kippu.center.catalog.SeatId;
import com.kippu.center.db.Dialect;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.Reservation;
import com.kippu.center.reservation.ReservedSeat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes many holds in one transaction and checks every row it touches. A hold whose request number
 * already has a reservation, or one of whose seats is no longer AVAILABLE, is taken out again
 * inside the same transaction; the others commit together. Seats are claimed by the same
 * conditional UPDATE as a single hold ({@code status = 'AVAILABLE'}), and only at the price the
 * hold charges (the allocator's copy of a seat may predate an issuer's price change), so the
 * database alone decides who gets a seat and what it costs. {@link BatchRows} and {@link ArrayRows}
 * run the statements.
 */
final class HoldBatch {
  /** What became of one hold of the batch. */
  enum Verdict {
    HELD,
    /** A seat was no longer AVAILABLE; nothing of the hold was kept. */
    SEAT_REFUSED,
    /** The terminal's request number already has a reservation; nothing was written. */
    REPEATED_REQUEST,
    /** The random reservation number is taken (very rare); nothing was written. */
    NUMBER_TAKEN
  }

  /** A verdict with the seats the database refused (only for SEAT_REFUSED). */
  record Written(Verdict verdict, List<SeatId> refused) {
    static final Written HELD = new Written(Verdict.HELD, List.of());
  }

  /** One seat of one hold of the batch, at the price the hold charges for it. */
  record SeatOfHold(int hold, Reservation reservation, SeatId seatId, long priceYen) {}

  /** Which reservations went in, and which seats (in the order given) were claimed. */
  record Outcome(boolean[] inserted, boolean[] claimed) {}

  /** The writes of a batch, one way per engine. */
  interface Rows {
    /**
     * Inserts the reservation rows unless their number or request number exists, and claims seats
     * (AVAILABLE -> HELD by the seat's reservation): which rows went in, which seats changed.
     */
    Outcome insertAndClaim(List<Hold> holds, List<SeatOfHold> seats) throws SQLException;

    void insertReservationSeats(List<Reservation> held) throws SQLException;
  }

  private HoldBatch() {}

  /** Writes the holds on {@code c} (inside the caller's transaction); one verdict per hold. */
  static List<Written> write(Connection c, Dialect dialect, List<Hold> holds) throws SQLException {
    Rows rows = dialect == Dialect.POSTGRESQL ? new ArrayRows(c) : new BatchRows(c);
    List<SeatOfHold> seats = new ArrayList<>();
    for (int i = 0; i < holds.size(); i++) {
      Reservation r = holds.get(i).reservation();
      for (ReservedSeat s : r.seats()) {
        seats.add(new SeatOfHold(i, r, s.seatId(), s.priceYen()));
      }
    }
    // One lock order for every writer (the single-hold path sorts the same way).
    seats.sort(Comparator.comparing((SeatOfHold s) -> s.seatId().value()));
    Outcome outcome = rows.insertAndClaim(holds, seats);
    Written[] verdicts = new Written[holds.size()];
    for (int i = 0; i < holds.size(); i++) {
      if (!outcome.inserted()[i]) {
        boolean repeated = requestExists(c, holds.get(i).reservation());
        verdicts[i] =
            new Written(repeated ? Verdict.REPEATED_REQUEST : Verdict.NUMBER_TAKEN, List.of());
      }
    }
    List<List<SeatId>> refused = new ArrayList<>();
    List<List<SeatId>> taken = new ArrayList<>();
    for (int i = 0; i < holds.size(); i++) {
      refused.add(new ArrayList<>());
      taken.add(new ArrayList<>());
    }
    for (int k = 0; k < seats.size(); k++) {
      SeatOfHold s = seats.get(k);
      (outcome.claimed()[k] ? taken : refused).get(s.hold()).add(s.seatId());
    }
    List<Reservation> held = new ArrayList<>();
    List<Reservation> removed = new ArrayList<>();
    List<SeatOfHold> release = new ArrayList<>();
    for (int i = 0; i < holds.size(); i++) {
      Reservation r = holds.get(i).reservation();
      if (verdicts[i] == null && refused.get(i).isEmpty()) {
        verdicts[i] = Written.HELD;
        held.add(r);
        continue;
      }
      if (verdicts[i] == null) {
        verdicts[i] = new Written(Verdict.SEAT_REFUSED, List.copyOf(refused.get(i)));
        removed.add(r);
      }
      // Seats claimed for a hold that is not kept go back inside this transaction.
      for (SeatId id : taken.get(i)) {
        release.add(new SeatOfHold(i, r, id, 0));
      }
    }
    if (!release.isEmpty() || !removed.isEmpty()) {
      undo(c, release, removed);
    }
    if (!held.isEmpty()) {
      rows.insertReservationSeats(held);
    }
    return Arrays.asList(verdicts);
  }

  private static boolean requestExists(Connection c, Reservation r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM reservation WHERE terminal_id = ? AND request_number = ?")) {
      ps.setString(1, r.terminalId().value());
      ps.setString(2, r.requestNumber().value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Takes what was written for holds that are not kept (rare): their claimed seats go back to
   * AVAILABLE, and the reservation rows of refused holds (inserted by this batch) are deleted. A
   * hold whose row did not go in keeps its hands off the row with its number or request number.
   */
  private static void undo(Connection c, List<SeatOfHold> release, List<Reservation> removed)
      throws SQLException {
    if (!release.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(SqlReservationStore.RELEASE_SEAT)) {
        for (SeatOfHold s : release) {
          ps.setString(1, s.reservation().number().value());
          ps.setString(2, s.reservation().eventId().value());
          ps.setString(3, s.seatId().value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (removed.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM reservation WHERE reservation_number = ?")) {
      for (Reservation r : removed) {
        ps.setString(1, r.number().value());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Plain JDBC batches of the single-row statements: any engine; SQLite runs them in-process. */
  static final class BatchRows implements Rows {
    private static final String INSERT_NEW_RESERVATION =
        SqlReservationStore.INSERT_RESERVATION + " ON CONFLICT DO NOTHING";
    private static final String HOLD_SEAT_AT_PRICE =
        SqlReservationStore.HOLD_SEAT + " AND price_yen = ?";

    private final Connection c;

    BatchRows(Connection c) {
      this.c = c;
    }

    @Override
    public Outcome insertAndClaim(List<Hold> holds, List<SeatOfHold> seats) throws SQLException {
      boolean[] inserted;
      try (PreparedStatement ps = c.prepareStatement(INSERT_NEW_RESERVATION)) {
        for (Hold h : holds) {
          SqlReservationStore.bindReservation(ps, h.reservation(), h.signedReservation());
          ps.addBatch();
        }
        inserted = changed(ps.executeBatch());
      }
      boolean[] claimed = new boolean[seats.size()];
      List<Integer> asked = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(HOLD_SEAT_AT_PRICE)) {
        for (int k = 0; k < seats.size(); k++) {
          SeatOfHold s = seats.get(k);
          if (inserted[s.hold()]) {
            ps.setString(1, s.reservation().number().value());
            ps.setString(2, s.reservation().eventId().value());
            ps.setString(3, s.seatId().value());
            ps.setLong(4, s.priceYen());
            ps.addBatch();
            asked.add(k);
          }
        }
        if (!asked.isEmpty()) {
          boolean[] changed = changed(ps.executeBatch());
          for (int j = 0; j < asked.size(); j++) {
            claimed[asked.get(j)] = changed[j];
          }
        }
      }
      return new Outcome(inserted, claimed);
    }

    @Override
    public void insertReservationSeats(List<Reservation> held) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(SqlReservationStore.INSERT_RESERVATION_SEAT)) {
        for (Reservation r : held) {
          SqlReservationStore.addSeatBatch(ps, r);
        }
        ps.executeBatch();
      }
    }

    /** Row counts of one; a driver that cannot say would make every check meaningless. */
    private static boolean[] changed(int[] counts) {
      boolean[] changed = new boolean[counts.length];
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] < 0) {
          throw new IllegalStateException("the JDBC driver reported no row count: " + counts[i]);
        }
        changed[i] = counts[i] == 1;
      }
      return changed;
    }
  }
}
