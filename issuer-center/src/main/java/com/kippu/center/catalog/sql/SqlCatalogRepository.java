package com.kippu.center.catalog.sql;

import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.EventSummary;
import com.kippu.center.catalog.Issuer;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.SeatStatus;
import com.kippu.center.db.Database;
import com.kippu.center.signing.Ed25519;
import com.kippu.center.signing.PublishedKey;
import com.kippu.center.signing.SigningKey;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog on the center's database, SQLite or PostgreSQL (plain SQL both accept). A seat HELD
 * by a reservation past its expiry reads as AVAILABLE here; the row itself is released by the next
 * write that expires holds.
 */
public final class SqlCatalogRepository implements CatalogRepository {
  /** Effective seat status: a lapsed hold no longer blocks the seat. */
  static final String EFFECTIVE_STATUS =
      "CASE WHEN s.status = 'HELD' AND r.expires_at <= ? THEN 'AVAILABLE' ELSE s.status END";

  private static final String SEAT_JOIN =
      " FROM seat s LEFT JOIN reservation r ON r.reservation_number = s.reservation_number ";

  private final Database db;

  public SqlCatalogRepository(Database db) {
    this.db = db;
  }

  @Override
  public boolean isEmpty() {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM issuer");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
          }
        });
  }

  @Override
  public List<EventSummary> events(Instant now) {
    String sql =
        "SELECT e.*, MIN(s.price_yen) AS price_from, COUNT(*) AS total,"
            + " SUM(CASE WHEN "
            + EFFECTIVE_STATUS
            + " = 'AVAILABLE' THEN 1 ELSE 0 END) AS available"
            + " FROM event e JOIN seat s ON s.event_id = e.event_id"
            + " LEFT JOIN reservation r ON r.reservation_number = s.reservation_number"
            + " GROUP BY e.event_id ORDER BY e.starts_at, e.event_id";
    return db.read(
        c -> {
          List<EventSummary> events = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                events.add(
                    new EventSummary(
                        event(rs),
                        rs.getLong("price_from"),
                        rs.getInt("available"),
                        rs.getInt("total")));
              }
            }
          }
          return events;
        });
  }

  @Override
  public Optional<Event> event(EventId eventId) {
    return db.read(c -> findEvent(c, eventId));
  }

  private static Optional<Event> findEvent(Connection c, EventId eventId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM event WHERE event_id = ?")) {
      ps.setString(1, eventId.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(event(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<List<Seat>> seats(EventId eventId, Instant now) {
    String sql =
        "SELECT s.*, "
            + EFFECTIVE_STATUS
            + " AS effective_status"
            + SEAT_JOIN
            + "WHERE s.event_id = ?"
            + " ORDER BY s.price_yen DESC, s.section, "
            + db.dialect().numericRowLabel()
            + ", s.row_label, s.seat_number";
    return db.read(
        c -> {
          if (findEvent(c, eventId).isEmpty()) {
            return Optional.empty();
          }
          List<Seat> seats = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, eventId.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                seats.add(seat(rs, SeatStatus.valueOf(rs.getString("effective_status"))));
              }
            }
          }
          return Optional.of(seats);
        });
  }

  /** Maps a {@code seat} row; shared with the reservation store. */
  public static Seat seat(ResultSet rs, SeatStatus status) throws SQLException {
    return new Seat(
        new EventId(rs.getString("event_id")),
        new SeatId(rs.getString("seat_id")),
        rs.getString("section"),
        rs.getString("row_label"),
        rs.getInt("seat_number"),
        rs.getLong("price_yen"),
        status);
  }

  @Override
  public Optional<Issuer> issuer(IssuerId issuerId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT name, bank_account FROM issuer WHERE issuer_id = ?")) {
            ps.setString(1, issuerId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Issuer(issuerId, rs.getString(1), rs.getString(2)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<SigningKey> signingKey(IssuerId issuerId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT key_id, private_key FROM issuer WHERE issuer_id = ?")) {
            ps.setString(1, issuerId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new SigningKey(rs.getString(1), Ed25519.privateKey(rs.getBytes(2))))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<PublishedKey> publishedKey(IssuerId issuerId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT key_id, public_key FROM issuer WHERE issuer_id = ?")) {
            ps.setString(1, issuerId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new PublishedKey(rs.getString(1), Ed25519.ALGORITHM, rs.getBytes(2)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public void addIssuer(Issuer issuer, KeyPair keys) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO issuer (issuer_id, name, bank_account, key_id, public_key,"
                      + " private_key) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, issuer.issuerId().value());
            ps.setString(2, issuer.name());
            ps.setString(3, issuer.bankAccount());
            ps.setString(4, issuer.issuerId().value() + "#1");
            ps.setBytes(5, keys.getPublic().getEncoded());
            ps.setBytes(6, keys.getPrivate().getEncoded());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void addEvent(Event event, List<Seat> seats) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO event (event_id, issuer_id, title, genre, artist, venue, starts_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, event.eventId().value());
            ps.setString(2, event.issuerId().value());
            ps.setString(3, event.title());
            ps.setString(4, event.genre());
            ps.setString(5, event.artist());
            ps.setString(6, event.venue());
            ps.setString(7, event.startsAtText());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO seat (event_id, seat_id, section, row_label, seat_number,"
                      + " price_yen, status) VALUES (?, ?, ?, ?, ?, ?, 'AVAILABLE')")) {
            for (Seat s : seats) {
              ps.setString(1, event.eventId().value());
              ps.setString(2, s.seatId().value());
              ps.setString(3, s.section());
              ps.setString(4, s.row());
              ps.setInt(5, s.number());
              ps.setLong(6, s.priceYen());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  private static Event event(ResultSet rs) throws SQLException {
    return new Event(
        new EventId(rs.getString("event_id")),
        new IssuerId(rs.getString("issuer_id")),
        rs.getString("title"),
        rs.getString("genre"),
        rs.getString("artist"),
        rs.getString("venue"),
        OffsetDateTime.parse(rs.getString("starts_at")));
  }
}
