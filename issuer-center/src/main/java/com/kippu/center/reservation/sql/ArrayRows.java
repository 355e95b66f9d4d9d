package com.kippu.center.reservation.sql;

import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.Reservation;
import com.kippu.center.reservation.ReservedSeat;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch's statements on PostgreSQL: one statement per table for the whole batch, its rows
 * passed as arrays and {@code unnest}ed, so the server plans and runs three statements instead of
 * five per hold. RETURNING says which rows changed; a seat counts as claimed only when its row now
 * names the very reservation that asked for it.
 */
final class ArrayRows implements HoldBatch.Rows {
  private static final String INSERT_RESERVATIONS =
      "INSERT INTO reservation (reservation_number, terminal_id, request_number, card_id,"
          + " event_id, issuer_id, amount_yen, status, reserved_at, expires_at, payload,"
          + " signature, key_id, algorithm)"
          + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bytea[],"
          + " ?::bytea[], ?::text[], ?::text[])"
          + " ON CONFLICT DO NOTHING RETURNING reservation_number";

  private static final String CLAIM_SEATS =
      "UPDATE seat s SET status = 'HELD', reservation_number = v.reservation_number"
          + " FROM unnest(?::text[], ?::text[], ?::text[])"
          + " AS v(event_id, seat_id, reservation_number)"
          + " WHERE s.event_id = v.event_id AND s.seat_id = v.seat_id"
          + " AND s.status = 'AVAILABLE' AND s.reservation_number IS NULL"
          + " RETURNING s.event_id, s.seat_id, s.reservation_number";

  private static final String INSERT_RESERVATION_SEATS =
      "INSERT INTO reservation_seat (reservation_number, position, event_id, seat_id, section,"
          + " row_label, seat_number, price_yen)"
          + " SELECT * FROM unnest(?::text[], ?::integer[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::integer[], ?::bigint[])";

  private final Connection c;

  ArrayRows(Connection c) {
    this.c = c;
  }

  @Override
  public boolean[] insertReservations(List<Hold> holds) throws SQLException {
    int n = holds.size();
    Object[][] columns = new Object[14][];
    for (int k = 0; k < columns.length; k++) {
      columns[k] =
          k == 10 || k == 11
              ? new byte[n][]
              : k == 6 || k == 8 || k == 9 ? new Long[n] : new String[n];
    }
    for (int i = 0; i < n; i++) {
      Reservation r = holds.get(i).reservation();
      columns[0][i] = r.number().value();
      columns[1][i] = r.terminalId().value();
      columns[2][i] = r.requestNumber().value();
      columns[3][i] = r.cardId().value();
      columns[4][i] = r.eventId().value();
      columns[5][i] = r.issuerId().value();
      columns[6][i] = r.amountYen();
      columns[7][i] = r.status().name();
      columns[8][i] = r.reservedAt().toEpochMilli();
      columns[9][i] = r.expiresAt().toEpochMilli();
      columns[10][i] = holds.get(i).signedReservation().payload();
      columns[11][i] = holds.get(i).signedReservation().signature();
      columns[12][i] = holds.get(i).signedReservation().keyId();
      columns[13][i] = holds.get(i).signedReservation().algorithm();
    }
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(INSERT_RESERVATIONS)) {
      bind(
          ps, columns, "text", "text", "text", "text", "text", "text", "bigint", "text", "bigint",
          "bigint", "bytea", "bytea", "text", "text");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
    boolean[] result = new boolean[n];
    for (int i = 0; i < n; i++) {
      result[i] = inserted.contains(holds.get(i).reservation().number().value());
    }
    return result;
  }

  @Override
  public boolean[] claimSeats(List<HoldBatch.SeatOfHold> seats) throws SQLException {
    int n = seats.size();
    String[][] columns = new String[3][n];
    for (int i = 0; i < n; i++) {
      columns[0][i] = seats.get(i).reservation().eventId().value();
      columns[1][i] = seats.get(i).seatId().value();
      columns[2][i] = seats.get(i).reservation().number().value();
    }
    Map<String, String> holder = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(CLAIM_SEATS)) {
      bind(ps, columns, "text", "text", "text");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          holder.put(rs.getString(1) + '\n' + rs.getString(2), rs.getString(3));
        }
      }
    }
    boolean[] claimed = new boolean[n];
    for (int i = 0; i < n; i++) {
      String key = columns[0][i] + '\n' + columns[1][i];
      claimed[i] = columns[2][i].equals(holder.get(key));
    }
    return claimed;
  }

  @Override
  public void insertReservationSeats(List<Reservation> held) throws SQLException {
    int n = held.stream().mapToInt(r -> r.seats().size()).sum();
    Object[][] columns = {
      new String[n],
      new Integer[n],
      new String[n],
      new String[n],
      new String[n],
      new String[n],
      new Integer[n],
      new Long[n]
    };
    int i = 0;
    for (Reservation r : held) {
      int position = 0;
      for (ReservedSeat s : r.seats()) {
        columns[0][i] = r.number().value();
        columns[1][i] = position++;
        columns[2][i] = r.eventId().value();
        columns[3][i] = s.seatId().value();
        columns[4][i] = s.section();
        columns[5][i] = s.row();
        columns[6][i] = s.number();
        columns[7][i] = s.priceYen();
        i++;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_RESERVATION_SEATS)) {
      bind(ps, columns, "text", "integer", "text", "text", "text", "text", "integer", "bigint");
      ps.executeUpdate();
    }
  }

  private void bind(PreparedStatement ps, Object[][] columns, String... types) throws SQLException {
    for (int k = 0; k < columns.length; k++) {
      Array array = c.createArrayOf(types[k], columns[k]);
      ps.setArray(k + 1, array);
    }
  }
}
