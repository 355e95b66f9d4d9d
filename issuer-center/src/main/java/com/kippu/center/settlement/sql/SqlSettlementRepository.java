package com.kippu.center.settlement.sql;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.reservation.Collector;
import com.kippu.center.reservation.PaymentMethod;
import com.kippu.center.settlement.PaymentRecord;
import com.kippu.center.settlement.SettlementRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded payments: {@code ticket} (at issuance), {@code card_sale} (at recording), {@code
 * pass_sale} and {@code application_sale} (when sold), with the acquirer and who received the money
 * from their {@code payment} rows; and a void ({@code ticket_void}) as a refund line of the
 * negative amount, in the month of the void, on the side of whoever received the sale's money.
 */
public final class SqlSettlementRepository implements SettlementRepository {
  private final Database db;

  public SqlSettlementRepository(Database db) {
    this.db = db;
  }

  @Override
  public List<PaymentRecord> payments(Instant from, Instant to) {
    return db.read(
        c -> {
          List<PaymentRecord> list = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT t.issuer_id, 'TICKET' AS kind, t.ticket_number AS subject,"
                      + " t.payment_method, t.payment_reference, t.payment_amount_yen AS amount,"
                      + " t.issued_at AS at, p.acquirer, p.received_by FROM ticket t"
                      + " LEFT JOIN payment p ON p.use_kind = 'RESERVATION'"
                      + " AND p.subject = t.reservation_number"
                      + " WHERE t.issued_at >= ? AND t.issued_at < ?"
                      + " UNION ALL SELECT s.issuer_id, s.kind, s.sale_id, s.payment_method,"
                      + " s.payment_reference, s.amount_yen, s.recorded_at, p.acquirer,"
                      + " p.received_by FROM card_sale s"
                      + " LEFT JOIN payment p ON p.use_kind = 'CARD_SALE' AND p.subject = s.sale_id"
                      + " WHERE s.recorded_at >= ? AND s.recorded_at < ?"
                      + " UNION ALL SELECT s.issuer_id, 'COMMUTER_PASS', s.pass_number,"
                      + " s.payment_method, s.payment_reference, s.amount_yen, s.sold_at,"
                      + " p.acquirer, p.received_by FROM pass_sale s"
                      + " LEFT JOIN payment p ON p.use_kind = 'PASS_SALE'"
                      + " AND p.subject = s.pass_number"
                      + " WHERE s.sold_at >= ? AND s.sold_at < ?"
                      + " UNION ALL SELECT s.issuer_id, 'CARD_APPLICATION', s.sale_id,"
                      + " s.payment_method, s.payment_reference, s.amount_yen, s.sold_at,"
                      + " p.acquirer, p.received_by FROM application_sale s"
                      + " LEFT JOIN payment p ON p.use_kind = 'APPLICATION_SALE'"
                      + " AND p.subject = s.sale_id"
                      + " WHERE s.sold_at >= ? AND s.sold_at < ?"
                      + " UNION ALL SELECT v.issuer_id, 'TICKET_VOID', v.ticket_number,"
                      + " v.payment_method, v.payment_reference, -v.amount_yen, v.voided_at,"
                      + " v.acquirer, v.received_by FROM ticket_void v"
                      + " WHERE v.voided_at >= ? AND v.voided_at < ?"
                      + " ORDER BY 1, 7, 3")) {
            // Each of the five parts of the union takes the period: [from, to).
            for (int part = 0; part < 5; part++) {
              ps.setLong(2 * part + 1, from.toEpochMilli());
              ps.setLong(2 * part + 2, to.toEpochMilli());
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String method = rs.getString(4);
                String acquirer = rs.getString(8);
                String receivedBy = rs.getString(9);
                list.add(
                    new PaymentRecord(
                        new IssuerId(rs.getString(1)),
                        rs.getString(2),
                        rs.getString(3),
                        method,
                        acquirer == null ? "" : acquirer,
                        rs.getString(5),
                        receivedBy == null
                            ? PaymentMethod.valueOf(method).collector()
                            : Collector.valueOf(receivedBy),
                        rs.getLong(6),
                        Instant.ofEpochMilli(rs.getLong(7))));
              }
            }
          }
          return list;
        });
  }
}
