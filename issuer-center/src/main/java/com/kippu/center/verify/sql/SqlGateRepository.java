package com.kippu.center.verify.sql;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.verify.GateRepository;
import com.kippu.center.verify.GateStore;
import com.kippu.center.verify.TicketFacts;
import com.kippu.center.verify.TicketUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gate state on {@code ticket}, {@code reissued_ticket}, {@code revocation} and {@code ticket_use}.
 * An entry is an {@code INSERT ... ON CONFLICT DO NOTHING} on the ticket's primary key: concurrent
 * gates never both record one, on either engine, without retries.
 */
public final class SqlGateRepository implements GateRepository {
  private final Database db;

  public SqlGateRepository(Database db) {
    this.db = db;
  }

  @Override
  public <T> T write(Function<GateStore, T> work) {
    return db.write(c -> run(work, c));
  }

  @Override
  public <T> T read(Function<GateStore, T> work) {
    return db.read(c -> run(work, c));
  }

  private static <T> T run(Function<GateStore, T> work, Connection c) throws SQLException {
    try {
      return work.apply(new Store(c));
    } catch (Unchecked e) {
      throw e.getCause();
    }
  }

  private static final class Unchecked extends RuntimeException {
    Unchecked(SQLException e) {
      super(e);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private record Store(Connection c) implements GateStore {
    @Override
    public Optional<TicketFacts> ticket(TicketNumber number) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT t.card_id, e.venue, e.issuer_id FROM ticket t"
                  + " JOIN reservation r ON r.reservation_number = t.reservation_number"
                  + " JOIN event e ON e.event_id = r.event_id WHERE t.ticket_number = ?"
                  + " UNION ALL SELECT t.card_id, e.venue, e.issuer_id FROM reissued_ticket t"
                  + " JOIN reservation r ON r.reservation_number = t.reservation_number"
                  + " JOIN event e ON e.event_id = r.event_id WHERE t.ticket_number = ?")) {
        ps.setString(1, number.value());
        ps.setString(2, number.value());
        String card;
        String venue;
        String issuer;
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          card = rs.getString(1);
          venue = rs.getString(2);
          issuer = rs.getString(3);
        }
        return Optional.of(
            new TicketFacts(
                new CardId(card), venue, new IssuerId(issuer), revocation(number.value(), card)));
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }

    private Optional<String> revocation(String ticket, String card) throws SQLException {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT kind, reason FROM revocation WHERE (kind = 'TICKET' AND subject = ?)"
                  + " OR (kind = 'CARD' AND subject = ?) ORDER BY sequence")) {
        ps.setString(1, ticket);
        ps.setString(2, card);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(2)) : Optional.empty();
        }
      }
    }

    @Override
    public Optional<TicketUse> use(TicketNumber number) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT gate_id, entry_id, used_at FROM ticket_use WHERE ticket_number = ?")) {
        ps.setString(1, number.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(
                  new TicketUse(
                      rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
              : Optional.empty();
        }
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }

    @Override
    public boolean recordUse(TicketNumber number, TicketUse use) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO ticket_use (ticket_number, entry_id, gate_id, used_at)"
                  + " VALUES (?, ?, ?, ?) ON CONFLICT (ticket_number) DO NOTHING")) {
        ps.setString(1, number.value());
        ps.setString(2, use.entryId());
        ps.setString(3, use.gateId());
        ps.setLong(4, use.usedAt().toEpochMilli());
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }
  }
}
