package com.kippu.center.reservation.sql;

import com.kippu.center.catalog.SeatId;
import com.kippu.center.db.Dialect;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.Reservation;
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
 * conditional UPDATE as a single hold ({@code status = 'AVAILABLE'}), so the database alone decides
 * who gets a seat. {@link BatchRows} and {@link ArrayRows} run the statements.
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

  /** One seat of one hold of the batch. */
  record SeatOfHold(int hold, Reservation reservation, SeatId seatId) {}

  /** The three set operations of a batch, one way per engine. */
  interface Rows {
    /** Inserts the reservation rows unless their number or request number exists: which did. */
    boolean[] insertReservations(List<Hold> holds) throws SQLException;

    /** AVAILABLE -> HELD by the seat's reservation, for each seat: which rows changed. */
    boolean[] claimSeats(List<SeatOfHold> seats) throws SQLException;

    void insertReservationSeats(List<Reservation> held) throws SQLException;
  }

  private HoldBatch() {}

  /** Writes the holds on {@code c} (inside the caller's transaction); one verdict per hold. */
  static List<Written> write(Connection c, Dialect dialect, List<Hold> holds) throws SQLException {
    Rows rows = dialect == Dialect.POSTGRESQL ? new ArrayRows(c) : new BatchRows(c);
    Written[] verdicts = new Written[holds.size()];
    boolean[] inserted = rows.insertReservations(holds);
    for (int i = 0; i < holds.size(); i++) {
      if (!inserted[i]) {
        boolean repeated = requestExists(c, holds.get(i).reservation());
        verdicts[i] =
            new Written(repeated ? Verdict.REPEATED_REQUEST : Verdict.NUMBER_TAKEN, List.of());
      }
    }
    claimSeats(c, rows, holds, verdicts);
    List<Reservation> held = new ArrayList<>();
    for (int i = 0; i < holds.size(); i++) {
      if (verdicts[i].verdict() == Verdict.HELD) {
        held.add(holds.get(i).reservation());
      }
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

  private static void claimSeats(Connection c, Rows rows, List<Hold> holds, Written[] verdicts)
      throws SQLException {
    List<SeatOfHold> seats = new ArrayList<>();
    for (int i = 0; i < holds.size(); i++) {
      if (verdicts[i] == null) {
        Reservation r = holds.get(i).reservation();
        for (SeatId id : r.seatIds()) {
          seats.add(new SeatOfHold(i, r, id));
        }
      }
    }
    // One lock order for every writer (the single-hold path sorts the same way).
    seats.sort(Comparator.comparing((SeatOfHold s) -> s.seatId().value()));
    boolean[] claimed = seats.isEmpty() ? new boolean[0] : rows.claimSeats(seats);
    List<List<SeatId>> refused = new ArrayList<>();
    holds.forEach(h -> refused.add(new ArrayList<>()));
    for (int k = 0; k < seats.size(); k++) {
      if (!claimed[k]) {
        refused.get(seats.get(k).hold()).add(seats.get(k).seatId());
      }
    }
    List<Reservation> undone = new ArrayList<>();
    for (int i = 0; i < holds.size(); i++) {
      if (verdicts[i] != null) {
        continue;
      }
      if (refused.get(i).isEmpty()) {
        verdicts[i] = Written.HELD;
      } else {
        verdicts[i] = new Written(Verdict.SEAT_REFUSED, List.copyOf(refused.get(i)));
        undone.add(holds.get(i).reservation());
      }
    }
    if (!undone.isEmpty()) {
      undo(c, undone);
    }
  }

  /** Takes refused holds out again (rare): their seats go back to AVAILABLE, their rows go. */
  private static void undo(Connection c, List<Reservation> undone) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlReservationStore.RELEASE_SEAT)) {
      for (Reservation r : undone) {
        for (SeatId id : r.seatIds()) {
          ps.setString(1, r.number().value());
          ps.setString(2, r.eventId().value());
          ps.setString(3, id.value());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM reservation WHERE reservation_number = ?")) {
      for (Reservation r : undone) {
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

    private final Connection c;

    BatchRows(Connection c) {
      this.c = c;
    }

    @Override
    public boolean[] insertReservations(List<Hold> holds) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(INSERT_NEW_RESERVATION)) {
        for (Hold h : holds) {
          SqlReservationStore.bindReservation(ps, h.reservation(), h.signedReservation());
          ps.addBatch();
        }
        return changed(ps.executeBatch());
      }
    }

    @Override
    public boolean[] claimSeats(List<SeatOfHold> seats) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(SqlReservationStore.HOLD_SEAT)) {
        for (SeatOfHold s : seats) {
          ps.setString(1, s.reservation().number().value());
          ps.setString(2, s.reservation().eventId().value());
          ps.setString(3, s.seatId().value());
          ps.addBatch();
        }
        return changed(ps.executeBatch());
      }
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
