package com.kippu.center.sales.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.outbox.MessageType;
import com.kippu.center.outbox.OutboxFeed;
import com.kippu.center.outbox.sql.SqlOutbox;
import com.kippu.center.reservation.PaymentMethod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns recorded sales into outbox messages for their issuers (S2 ¶25, ¶29): every ticket, card
 * sale, commuter pass and card application, exactly once each (key {@code sale-<ticket number>},
 * {@code sale-<sale id>} or {@code sale-<pass number>}). The sale rows are the source of truth, so
 * a sale committed by any path is never missed.
 */
public final class SqlSalesFeed implements OutboxFeed {
  static final int BATCH = 500;

  /** The columns of a sale's {@code payment} row (alias p) the record carries. */
  private static final String PAYMENT_COLUMNS =
      "p.acquirer AS pay_acquirer, p.received_by AS pay_received_by, p.purse_id AS pay_purse_id,"
          + " p.purse_sequence AS pay_purse_sequence,"
          + " p.purse_balance_after_yen AS pay_purse_balance_after_yen,"
          + " p.purse_transaction_id AS pay_purse_transaction_id";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database db;

  public SqlSalesFeed(Database db) {
    this.db = db;
  }

  @Override
  public int enqueue(Instant now) {
    return db.write(
        c -> tickets(c, now) + cardSales(c, now) + passSales(c, now) + applicationSales(c, now));
  }

  private static int tickets(Connection c, Instant now) throws SQLException {
    return feed(
        c,
        now,
        "SELECT t.*, r.event_id, "
            + PAYMENT_COLUMNS
            + " FROM ticket t"
            + " JOIN reservation r ON r.reservation_number = t.reservation_number"
            + " LEFT JOIN payment p ON p.use_kind = 'RESERVATION'"
            + " AND p.subject = t.reservation_number"
            + " WHERE NOT EXISTS (SELECT 1 FROM outbox o"
            + " WHERE o.message_key = 'sale-' || t.ticket_number)"
            + " ORDER BY t.issued_at, t.ticket_number LIMIT ?",
        "ticket_number",
        rs -> "TICKET",
        (p, rs) -> {
          p.put("ticketNumber", rs.getString("ticket_number"));
          p.put("reservationNumber", rs.getString("reservation_number"));
          p.put("issueNumber", rs.getLong("issue_number"));
          p.put("cardId", rs.getString("card_id"));
          p.put("eventId", rs.getString("event_id"));
          payment(p, rs, "payment_amount_yen", Instant.ofEpochMilli(rs.getLong("issued_at")));
          seats(c, p.putArray("seats"), rs.getString("reservation_number"));
        });
  }

  private static int cardSales(Connection c, Instant now) throws SQLException {
    return feed(
        c,
        now,
        "SELECT s.*, "
            + PAYMENT_COLUMNS
            + " FROM card_sale s"
            + " LEFT JOIN payment p ON p.use_kind = 'CARD_SALE' AND p.subject = s.sale_id"
            + " WHERE NOT EXISTS (SELECT 1 FROM outbox o"
            + " WHERE o.message_key = 'sale-' || s.sale_id)"
            + " ORDER BY s.recorded_at, s.sale_id LIMIT ?",
        "sale_id",
        rs -> rs.getString("kind"),
        (p, rs) -> {
          p.put("saleId", rs.getString("sale_id"));
          p.put("cardId", rs.getString("card_id"));
          p.put("productId", rs.getString("product_id"));
          p.put("valueAfterYen", rs.getLong("value_after_yen"));
          payment(p, rs, "amount_yen", Instant.ofEpochMilli(rs.getLong("recorded_at")));
        });
  }

  /**
   * Commuter passes (S2 ¶29): the railway's record carries the holder's name, address and phone
   * with the section, the period and the amount.
   */
  private static int passSales(Connection c, Instant now) throws SQLException {
    return feed(
        c,
        now,
        "SELECT s.*, "
            + PAYMENT_COLUMNS
            + " FROM pass_sale s"
            + " LEFT JOIN payment p ON p.use_kind = 'PASS_SALE' AND p.subject = s.pass_number"
            + " WHERE NOT EXISTS (SELECT 1 FROM outbox o"
            + " WHERE o.message_key = 'sale-' || s.pass_number)"
            + " ORDER BY s.sold_at, s.pass_number LIMIT ?",
        "pass_number",
        rs -> "COMMUTER_PASS",
        (p, rs) -> {
          p.put("passNumber", rs.getString("pass_number"));
          p.put("cardId", rs.getString("card_id"));
          p.put("productId", rs.getString("product_id"));
          p.putObject("holder")
              .put("name", rs.getString("holder_name"))
              .put("phone", rs.getString("holder_phone"))
              .put("address", rs.getString("holder_address"));
          p.put("fareClass", rs.getString("fare_class"));
          p.putObject("section")
              .put("line", rs.getString("line_name"))
              .put("fromStation", rs.getString("from_station"))
              .put("toStation", rs.getString("to_station"));
          p.put("validFrom", rs.getString("valid_from"));
          p.put("validUntil", rs.getString("valid_until"));
          payment(p, rs, "amount_yen", Instant.ofEpochMilli(rs.getLong("sold_at")));
        });
  }

  /** Card applications installed on cards (F11, S2 ¶45, ¶53). */
  private static int applicationSales(Connection c, Instant now) throws SQLException {
    return feed(
        c,
        now,
        "SELECT s.*, "
            + PAYMENT_COLUMNS
            + " FROM application_sale s"
            + " LEFT JOIN payment p ON p.use_kind = 'APPLICATION_SALE'"
            + " AND p.subject = s.sale_id"
            + " WHERE NOT EXISTS (SELECT 1 FROM outbox o"
            + " WHERE o.message_key = 'sale-' || s.sale_id)"
            + " ORDER BY s.sold_at, s.sale_id LIMIT ?",
        "sale_id",
        rs -> "CARD_APPLICATION",
        (p, rs) -> {
          p.put("saleId", rs.getString("sale_id"));
          p.put("cardId", rs.getString("card_id"));
          p.put("appId", rs.getString("app_id"));
          p.put("version", rs.getInt("version"));
          payment(p, rs, "amount_yen", Instant.ofEpochMilli(rs.getLong("sold_at")));
        });
  }

  /** What a sale's row says, read by a feed. */
  @FunctionalInterface
  private interface Column<T> {
    T of(ResultSet rs) throws SQLException;
  }

  /** Fills a sale's record from its row, after the header. */
  @FunctionalInterface
  private interface Fill {
    void fill(ObjectNode record, ResultSet rs) throws SQLException;
  }

  /**
   * Enqueues a record for each row of {@code query} (sales not yet in the outbox, at most {@link
   * #BATCH}), keyed {@code sale-<idColumn>}; returns how many were added.
   */
  private static int feed(
      Connection c, Instant now, String query, String idColumn, Column<String> kind, Fill fill)
      throws SQLException {
    int added = 0;
    try (PreparedStatement ps = c.prepareStatement(query)) {
      ps.setInt(1, BATCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = "sale-" + rs.getString(idColumn);
          String issuer = rs.getString("issuer_id");
          ObjectNode p = header(key, issuer, kind.of(rs));
          fill.fill(p, rs);
          if (SqlOutbox.enqueue(c, key, new IssuerId(issuer), MessageType.SALE, bytes(p), now)) {
            added++;
          }
        }
      }
    }
    return added;
  }

  private static ObjectNode header(String key, String issuerId, String saleKind) {
    ObjectNode p = JSON.createObjectNode();
    p.put("idempotencyKey", key);
    p.put("type", MessageType.SALE.name());
    p.put("saleKind", saleKind);
    p.put("issuerId", issuerId);
    return p;
  }

  /**
   * The payment: method, acquirer, reference, who received the money and, for e-money, the purse
   * record the issuer received (S1 ¶112). Sales recorded before acquirers were kept have none.
   */
  private static void payment(ObjectNode p, ResultSet rs, String amountColumn, Instant soldAt)
      throws SQLException {
    String method = rs.getString("payment_method");
    String receivedBy = rs.getString("pay_received_by");
    p.put("amountYen", rs.getLong(amountColumn));
    p.put("paymentMethod", method);
    p.put("paymentAcquirer", Objects.requireNonNullElse(rs.getString("pay_acquirer"), ""));
    p.put("paymentReference", rs.getString("payment_reference"));
    p.put(
        "receivedBy",
        receivedBy == null ? PaymentMethod.valueOf(method).collector().name() : receivedBy);
    if (rs.getString("pay_purse_id") != null) {
      p.putObject("purse")
          .put("purseId", rs.getString("pay_purse_id"))
          .put("sequence", rs.getLong("pay_purse_sequence"))
          .put("balanceAfterYen", rs.getLong("pay_purse_balance_after_yen"))
          .put("transactionId", rs.getString("pay_purse_transaction_id"));
    }
    p.put("soldAt", soldAt.toString());
  }

  private static void seats(Connection c, ArrayNode seats, String reservation) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seat_id, section, row_label, seat_number, price_yen FROM reservation_seat"
                + " WHERE reservation_number = ? ORDER BY position")) {
      ps.setString(1, reservation);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seats
              .addObject()
              .put("seatId", rs.getString(1))
              .put("section", rs.getString(2))
              .put("row", rs.getString(3))
              .put("number", rs.getInt(4))
              .put("priceYen", rs.getLong(5));
        }
      }
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode sales record", e);
    }
  }
}
