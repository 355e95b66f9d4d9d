package com.kippu.center.settlement.sql;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.settlement.PaymentRecord;
import com.kippu.center.settlement.SettlementRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Recorded payments: {@code ticket} (at issuance) and {@code card_sale} (at recording). */
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
                  "SELECT issuer_id, 'TICKET' AS kind, ticket_number AS subject, payment_method,"
                      + " payment_reference, payment_amount_yen AS amount, issued_at AS at"
                      + " FROM ticket WHERE issued_at >= ? AND issued_at < ?"
                      + " UNION ALL SELECT issuer_id, kind, sale_id, payment_method,"
                      + " payment_reference, amount_yen, recorded_at FROM card_sale"
                      + " WHERE recorded_at >= ? AND recorded_at < ?"
                      + " ORDER BY 1, 7, 3")) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            ps.setLong(3, from.toEpochMilli());
            ps.setLong(4, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                list.add(
                    new PaymentRecord(
                        new IssuerId(rs.getString(1)),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        Instant.ofEpochMilli(rs.getLong(7))));
              }
            }
          }
          return list;
        });
  }
}
