package com.kippu.center.reservation.sql;

import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.Reservation;
import com.kippu.center.reservation.ReservedSeat;
import com.kippu.center.signing.SignedDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * The batch on PostgreSQL in two statements, whatever its size: the rows travel as arrays and are
 * {@code unnest}ed. The first inserts the reservations and claims the seats (two data-modifying
 * CTEs, one round trip); RETURNING says which reservations went in and which seat rows now name
 * which reservation, and a seat counts as claimed only when its row names the very reservation that
 * asked for it (and only at the price that reservation charges). The second records the seats of
 * the holds that got all of theirs.
 */
final class ArrayRows implements HoldBatch.Rows {
  private static final String INSERT_AND_CLAIM =
      "WITH ins AS ("
          + "INSERT INTO reservation (reservation_number, terminal_id, request_number, card_id,"
          + " event_id, issuer_id, amount_yen, status, reserved_at, expires_at, payload,"
          + " signature, key_id, algorithm)"
          + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bytea[],"
          + " ?::bytea[], ?::text[], ?::text[])"
          + " ON CONFLICT DO NOTHING RETURNING reservation_number),"
          // The same conditional claim as a single hold: only a seat still AVAILABLE changes.
          + " claimed AS (UPDATE seat s SET status = 'HELD', reservation_number ="
          + " v.reservation_number FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[])"
          + " AS v(event_id, seat_id, reservation_number, price_yen)"
          + " WHERE s.event_id = v.event_id AND s.seat_id = v.seat_id"
          + " AND s.status = 'AVAILABLE' AND s.reservation_number IS NULL"
          + " AND s.price_yen = v.price_yen"
          + " RETURNING s.event_id, s.seat_id, s.reservation_number)"
          + " SELECT NULL::text, NULL::text, reservation_number FROM ins"
          + " UNION ALL SELECT event_id, seat_id, reservation_number FROM claimed";

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
  public HoldBatch.Outcome insertAndClaim(List<Hold> holds, List<HoldBatch.SeatOfHold> seats)
      throws SQLException {
    int n = holds.size();
    String[] number = new String[n];
    String[] terminal = new String[n];
    String[] request = new String[n];
    String[] card = new String[n];
    String[] event = new String[n];
    String[] issuer = new String[n];
    long[] amount = new long[n];
    String[] status = new String[n];
    long[] reservedAt = new long[n];
    long[] expiresAt = new long[n];
    byte[][] payload = new byte[n][];
    byte[][] signature = new byte[n][];
    String[] keyId = new String[n];
    String[] algorithm = new String[n];
    for (int i = 0; i < n; i++) {
      Reservation r = holds.get(i).reservation();
      SignedDocument signed = holds.get(i).signedReservation();
      number[i] = r.number().value();
      terminal[i] = r.terminalId().value();
      request[i] = r.requestNumber().value();
      card[i] = r.cardId().value();
      event[i] = r.eventId().value();
      issuer[i] = r.issuerId().value();
      amount[i] = r.amountYen();
      status[i] = r.status().name();
      reservedAt[i] = r.reservedAt().toEpochMilli();
      expiresAt[i] = r.expiresAt().toEpochMilli();
      payload[i] = signed.payload();
      signature[i] = signed.signature();
      keyId[i] = signed.keyId();
      algorithm[i] = signed.algorithm();
    }
    int m = seats.size();
    String[] seatEvent = new String[m];
    String[] seatId = new String[m];
    String[] holder = new String[m];
    long[] price = new long[m];
    for (int k = 0; k < m; k++) {
      HoldBatch.SeatOfHold s = seats.get(k);
      seatEvent[k] = s.reservation().eventId().value();
      seatId[k] = s.seatId().value();
      holder[k] = s.reservation().number().value();
      price[k] = s.priceYen();
    }
    Set<String> inserted = new HashSet<>();
    Map<String, String> claimedBy = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(INSERT_AND_CLAIM)) {
      bind(
          ps,
          new Object[] {
            number,
            terminal,
            request,
            card,
            event,
            issuer,
            amount,
            status,
            reservedAt,
            expiresAt,
            payload,
            signature,
            keyId,
            algorithm,
            seatEvent,
            seatId,
            holder,
            price
          },
          "text",
          "text",
          "text",
          "text",
          "text",
          "text",
          "bigint",
          "text",
          "bigint",
          "bigint",
          "bytea",
          "bytea",
          "text",
          "text",
          "text",
          "text",
          "text",
          "bigint");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String seatEventOf = rs.getString(1);
          if (seatEventOf == null) {
            inserted.add(rs.getString(3));
          } else {
            claimedBy.put(key(seatEventOf, rs.getString(2)), rs.getString(3));
          }
        }
      }
    }
    boolean[] insertedFlags = new boolean[n];
    for (int i = 0; i < n; i++) {
      insertedFlags[i] = inserted.contains(number[i]);
    }
    boolean[] claimed = new boolean[m];
    for (int k = 0; k < m; k++) {
      claimed[k] = holder[k].equals(claimedBy.get(key(seatEvent[k], seatId[k])));
    }
    return new HoldBatch.Outcome(insertedFlags, claimed);
  }

  @Override
  public void insertReservationSeats(List<Reservation> held) throws SQLException {
    int n = held.stream().mapToInt(r -> r.seats().size()).sum();
    String[] number = new String[n];
    int[] position = new int[n];
    String[] event = new String[n];
    String[] seatId = new String[n];
    String[] section = new String[n];
    String[] row = new String[n];
    int[] seatNumber = new int[n];
    long[] price = new long[n];
    int i = 0;
    for (Reservation r : held) {
      int p = 0;
      for (ReservedSeat s : r.seats()) {
        number[i] = r.number().value();
        position[i] = p++;
        event[i] = r.eventId().value();
        seatId[i] = s.seatId().value();
        section[i] = s.section();
        row[i] = s.row();
        seatNumber[i] = s.number();
        price[i] = s.priceYen();
        i++;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_RESERVATION_SEATS)) {
      bind(
          ps,
          new Object[] {number, position, event, seatId, section, row, seatNumber, price},
          "text",
          "integer",
          "text",
          "text",
          "text",
          "text",
          "integer",
          "bigint");
      ps.executeUpdate();
    }
  }

  /** Binds each column as a typed array; primitive arrays go without boxing. */
  private void bind(PreparedStatement ps, Object[] columns, String... types) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    for (int k = 0; k < columns.length; k++) {
      ps.setArray(k + 1, pg.createArrayOf(types[k], columns[k]));
    }
  }

  private static String key(String eventId, String seatId) {
    return eventId + '\n' + seatId;
  }
}
