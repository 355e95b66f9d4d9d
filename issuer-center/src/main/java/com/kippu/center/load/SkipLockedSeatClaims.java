package com.kippu.center.load;

import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatStatus;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.Database;
import com.kippu.center.db.Dialect;
import com.kippu.center.reservation.BestAvailableCommand;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.SeatClaims;
import com.kippu.center.reservation.sql.SqlReservationRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline the load command measures against: the usual way a ticket shop claims "any N seats"
 * on PostgreSQL. Each request runs its own transaction: {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * on the first free seat rows, then the conditional UPDATEs and the reservation rows, then COMMIT.
 * Concurrent requests skip each other's locked rows instead of queueing on them. Written from that
 * idea alone, on the center's own tables and statements.
 */
public final class SkipLockedSeatClaims implements SeatClaims {
  /**
   * The index the baseline's query needs (without it every claim walks past the seats already
   * sold). Created on the baseline's database only: the batched claims never search the seat table,
   * so their database does not pay for maintaining it.
   */
  public static final String INDEX =
      "CREATE INDEX IF NOT EXISTS seat_free_best ON seat"
          + " (event_id, price_yen DESC, section, row_label, seat_number)"
          + " WHERE status = 'AVAILABLE'";

  private static final String FIRST_FREE =
      "SELECT * FROM seat WHERE event_id = ? AND status = 'AVAILABLE'"
          + " ORDER BY price_yen DESC, section, row_label, seat_number"
          + " LIMIT ? FOR UPDATE SKIP LOCKED";

  private static final String FIRST_FREE_IN_SECTION =
      "SELECT * FROM seat WHERE event_id = ? AND status = 'AVAILABLE' AND section = ?"
          + " ORDER BY price_yen DESC, section, row_label, seat_number"
          + " LIMIT ? FOR UPDATE SKIP LOCKED";

  private final Database db;

  private SkipLockedSeatClaims(Database db) {
    this.db = db;
  }

  /** Opens the baseline on {@code db} (PostgreSQL only) and creates its index. */
  public static SkipLockedSeatClaims open(Database db) {
    if (db.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("SKIP LOCKED needs PostgreSQL");
    }
    db.write(
        c -> {
          try (Statement st = c.createStatement()) {
            return st.executeUpdate(INDEX);
          }
        });
    return new SkipLockedSeatClaims(db);
  }

  @Override
  public Claim claim(BestAvailableCommand cmd, HoldMaker maker) {
    return db.write(
        c -> {
          if (SqlReservationRepository.withStore(
              c,
              Dialect.POSTGRESQL,
              store -> store.findByRequest(cmd.terminalId(), cmd.requestNumber()).isPresent())) {
            return new AlreadyRequested();
          }
          List<Seat> seats = firstFree(c, cmd);
          if (seats.size() < cmd.quantity()) {
            return new NotEnoughSeats();
          }
          Hold hold = maker.make(seats);
          SqlReservationRepository.withStore(
              c,
              Dialect.POSTGRESQL,
              store -> {
                store.insert(hold.reservation(), hold.signedReservation());
                store.holdSeats(hold.reservation());
                return null;
              });
          return new Held(hold);
        });
  }

  private static List<Seat> firstFree(Connection c, BestAvailableCommand cmd) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(cmd.section().isPresent() ? FIRST_FREE_IN_SECTION : FIRST_FREE)) {
      int i = 1;
      ps.setString(i++, cmd.eventId().value());
      if (cmd.section().isPresent()) {
        ps.setString(i++, cmd.section().get());
      }
      ps.setInt(i, cmd.quantity());
      List<Seat> seats = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seats.add(SqlCatalogRepository.seat(rs, SeatStatus.AVAILABLE));
        }
      }
      return seats;
    }
  }
}
