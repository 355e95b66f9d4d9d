package com.kippu.center.voids.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.db.Database;
import com.kippu.center.outbox.MessageType;
import com.kippu.center.outbox.sql.SqlOutbox;
import com.kippu.center.reservation.Collector;
import com.kippu.center.reservation.PaymentMethod;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.verify.RevocationEntry;
import com.kippu.center.verify.sql.SqlRevocations;
import com.kippu.center.voids.TicketVoid;
import com.kippu.center.voids.TicketVoidRepository;
import com.kippu.center.voids.VoidOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ticket_void} table. A sale's tickets are its {@code ticket} row and the {@code
 * reissued_ticket} rows of its reservation (reprints, replacements on a new card); its payment is
 * the ticket row's, with the acquirer and who received it from its {@code payment} row.
 */
public final class SqlTicketVoids implements TicketVoidRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database db;

  public SqlTicketVoids(Database db) {
    this.db = db;
  }

  @Override
  public Answer<VoidOutcome, TicketVoid> voidSale(
      TicketNumber ticket, String reason, String operator, Instant at) {
    return db.write(
        c -> {
          Optional<String> sale = saleOf(c, ticket);
          if (sale.isEmpty()) {
            return Answer.refused(
                VoidOutcome.TICKET_NOT_FOUND, "no ticket " + ticket.value(), "ticketNumber");
          }
          String reservation = sale.get();
          List<TicketNumber> tickets = ticketsOf(c, reservation);
          Optional<TicketVoid> earlier = find(c, reservation, tickets);
          if (earlier.isPresent()) {
            return Answer.of(VoidOutcome.ALREADY_VOIDED, earlier.get());
          }
          for (TicketNumber t : tickets) {
            if (used(c, t)) {
              return Answer.refused(
                  VoidOutcome.TICKET_USED,
                  "ticket " + t.value() + " was used at a gate: the sale stands",
                  "ticketNumber");
            }
          }
          insert(c, reservation, ticket, reason, operator, at);
          TicketVoid done = find(c, reservation, tickets).orElseThrow();
          for (TicketNumber t : tickets) {
            SqlRevocations.revoke(
                c, RevocationEntry.Kind.TICKET, t.value(), "voided: " + reason, at);
          }
          String key = "ticket-void-" + reservation;
          SqlOutbox.enqueue(
              c, key, done.issuerId(), MessageType.TICKET_VOID, notice(key, done), at);
          return Answer.of(VoidOutcome.VOIDED, done);
        });
  }

  private static Optional<String> saleOf(Connection c, TicketNumber ticket) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT reservation_number FROM ticket WHERE ticket_number = ?"
                + " UNION SELECT reservation_number FROM reissued_ticket WHERE ticket_number = ?")) {
      ps.setString(1, ticket.value());
      ps.setString(2, ticket.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** The sale's tickets, the original first, then its reprints in the order they were issued. */
  private static List<TicketNumber> ticketsOf(Connection c, String reservation)
      throws SQLException {
    List<TicketNumber> list = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ticket_number, 0 AS o, issued_at FROM ticket WHERE reservation_number = ?"
                + " UNION ALL SELECT ticket_number, 1, issued_at FROM reissued_ticket"
                + " WHERE reservation_number = ? ORDER BY 2, 3, 1")) {
      ps.setString(1, reservation);
      ps.setString(2, reservation);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(new TicketNumber(rs.getString(1)));
        }
      }
    }
    return list;
  }

  private static boolean used(Connection c, TicketNumber t) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM ticket_use WHERE ticket_number = ?")) {
      ps.setString(1, t.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void insert(
      Connection c,
      String reservation,
      TicketNumber named,
      String reason,
      String operator,
      Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ticket_void (reservation_number, ticket_number, issuer_id, amount_yen,"
                + " payment_method, payment_reference, acquirer, received_by, reason, voided_by,"
                + " voided_at) SELECT t.reservation_number, ?, t.issuer_id, t.payment_amount_yen,"
                + " t.payment_method, t.payment_reference, COALESCE(p.acquirer, ''),"
                + " COALESCE(p.received_by, ?), ?, ?, ? FROM ticket t"
                + " LEFT JOIN payment p ON p.use_kind = 'RESERVATION'"
                + " AND p.subject = t.reservation_number"
                + " WHERE t.reservation_number = ? ON CONFLICT (reservation_number) DO NOTHING")) {
      ps.setString(1, named.value());
      ps.setString(2, collectorOf(c, reservation).name());
      ps.setString(3, reason);
      ps.setString(4, operator);
      ps.setLong(5, at.toEpochMilli());
      ps.setString(6, reservation);
      ps.executeUpdate();
    }
  }

  /** Who received a payment recorded before the center kept it: by its method. */
  private static Collector collectorOf(Connection c, String reservation) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT payment_method FROM ticket WHERE reservation_number = ?")) {
      ps.setString(1, reservation);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return PaymentMethod.valueOf(rs.getString(1)).collector();
      }
    }
  }

  private static Optional<TicketVoid> find(
      Connection c, String reservation, List<TicketNumber> tickets) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ticket_number, issuer_id, amount_yen, payment_method, payment_reference,"
                + " received_by, reason, voided_by, voided_at FROM ticket_void"
                + " WHERE reservation_number = ?")) {
      ps.setString(1, reservation);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new TicketVoid(
                new ReservationNumber(reservation),
                new TicketNumber(rs.getString(1)),
                new IssuerId(rs.getString(2)),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                Collector.valueOf(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)),
                tickets));
      }
    }
  }

  /** The issuer's TICKET_VOID message: what was voided and who refunds the customer. */
  private static byte[] notice(String key, TicketVoid v) {
    ObjectNode p = JSON.createObjectNode();
    p.put("idempotencyKey", key);
    p.put("type", MessageType.TICKET_VOID.name());
    p.put("issuerId", v.issuerId().value());
    p.put("reservationNumber", v.reservationNumber().value());
    p.put("ticketNumber", v.ticketNumber().value());
    v.revokedTickets().forEach(t -> p.withArray("revokedTickets").add(t.value()));
    p.put("amountYen", v.amountYen());
    p.put("paymentMethod", v.paymentMethod());
    p.put("paymentReference", v.paymentReference());
    p.put("refundBy", v.refundBy().name());
    p.put("reason", v.reason());
    p.put("voidedAt", v.voidedAt().toString());
    try {
      return JSON.writeValueAsBytes(p);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode void notice", e);
    }
  }
}
