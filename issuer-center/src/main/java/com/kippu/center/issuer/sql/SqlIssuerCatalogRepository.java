package com.kippu.center.issuer.sql;

import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.db.Database;
import com.kippu.center.issuer.EventImage;
import com.kippu.center.issuer.EventListing;
import com.kippu.center.issuer.IssuerCatalogRepository;
import com.kippu.center.issuer.PublishOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issuer catalog pushes on the center's database. An update re-prices a seat only with a
 * conditional {@code UPDATE ... WHERE status = 'AVAILABLE'}, so it can never change a seat a
 * terminal is holding or has sold at the same moment; the event row is locked first.
 */
public final class SqlIssuerCatalogRepository implements IssuerCatalogRepository {
  private final Database db;

  public SqlIssuerCatalogRepository(Database db) {
    this.db = db;
  }

  /** Signals a refusal that must roll back everything the push wrote so far. */
  private static final class Refused extends RuntimeException {
    private final transient Upsert upsert;

    Refused(Upsert upsert) {
      super(upsert.outcome().name(), null, false, false);
      this.upsert = upsert;
    }
  }

  @Override
  public Upsert upsertEvent(IssuerId caller, EventListing listing) {
    try {
      return db.write(c -> upsert(c, caller, listing));
    } catch (Refused r) {
      return r.upsert;
    }
  }

  private Upsert upsert(Connection c, IssuerId caller, EventListing listing) throws SQLException {
    Event e = listing.event();
    Optional<String> owner = owner(c, e.eventId());
    if (owner.isPresent() && !owner.get().equals(caller.value())) {
      return new Upsert(PublishOutcome.NOT_YOUR_EVENT, List.of());
    }
    PublishOutcome outcome;
    if (owner.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO event (event_id, issuer_id, title, genre, artist, venue, starts_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, e.eventId().value());
        ps.setString(2, caller.value());
        bindDetails(ps, e, 3);
        ps.executeUpdate();
      }
      outcome = PublishOutcome.CREATED;
    } else {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE event SET title = ?, genre = ?, artist = ?, venue = ?, starts_at = ?"
                  + " WHERE event_id = ?")) {
        bindDetails(ps, e, 1);
        ps.setString(6, e.eventId().value());
        ps.executeUpdate();
      }
      outcome = PublishOutcome.UPDATED;
    }
    List<SeatId> refused = upsertSeats(c, e.eventId(), listing.seats());
    if (!refused.isEmpty()) {
      throw new Refused(new Upsert(PublishOutcome.SEAT_NOT_AVAILABLE, refused));
    }
    if (listing.image().isPresent()) {
      saveImage(c, e.eventId(), listing.image().get());
    }
    return new Upsert(outcome, List.of());
  }

  private Optional<String> owner(Connection c, EventId eventId) throws SQLException {
    String lock = db.dialect().lockForUpdate();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT issuer_id FROM event WHERE event_id = ?" + lock)) {
      ps.setString(1, eventId.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static void bindDetails(PreparedStatement ps, Event e, int from) throws SQLException {
    ps.setString(from, e.title());
    ps.setString(from + 1, e.genre());
    ps.setString(from + 2, e.artist());
    ps.setString(from + 3, e.venue());
    ps.setString(from + 4, e.startsAtText());
  }

  /** Inserts new seats and re-prices available ones; returns seats whose change was refused. */
  private static List<SeatId> upsertSeats(Connection c, EventId eventId, List<Seat> seats)
      throws SQLException {
    Map<String, Seat> existing = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM seat WHERE event_id = ?")) {
      ps.setString(1, eventId.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          existing.put(
              rs.getString("seat_id"),
              com.kippu.center.catalog.sql.SqlCatalogRepository.seat(
                  rs, com.kippu.center.catalog.SeatStatus.valueOf(rs.getString("status"))));
        }
      }
    }
    List<SeatId> refused = new ArrayList<>();
    try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO seat (event_id, seat_id, section, row_label, seat_number, price_yen,"
                    + " status) VALUES (?, ?, ?, ?, ?, ?, 'AVAILABLE')");
        PreparedStatement reprice =
            c.prepareStatement(
                "UPDATE seat SET section = ?, row_label = ?, seat_number = ?, price_yen = ?"
                    + " WHERE event_id = ? AND seat_id = ? AND status = 'AVAILABLE'")) {
      for (Seat s : seats) {
        Seat old = existing.get(s.seatId().value());
        if (old == null) {
          insert.setString(1, eventId.value());
          insert.setString(2, s.seatId().value());
          insert.setString(3, s.section());
          insert.setString(4, s.row());
          insert.setInt(5, s.number());
          insert.setLong(6, s.priceYen());
          insert.executeUpdate();
        } else if (!sameTerms(old, s)) {
          reprice.setString(1, s.section());
          reprice.setString(2, s.row());
          reprice.setInt(3, s.number());
          reprice.setLong(4, s.priceYen());
          reprice.setString(5, eventId.value());
          reprice.setString(6, s.seatId().value());
          if (reprice.executeUpdate() != 1) {
            refused.add(s.seatId());
          }
        }
      }
    }
    return refused;
  }

  private static boolean sameTerms(Seat a, Seat b) {
    return a.section().equals(b.section())
        && a.row().equals(b.row())
        && a.number() == b.number()
        && a.priceYen() == b.priceYen();
  }

  private void saveImage(Connection c, EventId eventId, EventImage image) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO event_image (event_id, content_type, image) VALUES (?, ?, ?)"
                + " ON CONFLICT (event_id) DO UPDATE SET content_type = excluded.content_type,"
                + " image = excluded.image")) {
      ps.setString(1, eventId.value());
      ps.setString(2, image.contentType());
      ps.setBytes(3, image.bytes());
      ps.executeUpdate();
    }
  }

  @Override
  public Optional<EventImage> image(EventId eventId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT content_type, image FROM event_image WHERE event_id = ?")) {
            ps.setString(1, eventId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new EventImage(rs.getString(1), rs.getBytes(2)))
                  : Optional.empty();
            }
          }
        });
  }
}
