package com.kippu.center.sales.sql;

import com.kippu.center.db.Database;
import com.kippu.center.reservation.PaymentMethod;
import com.kippu.center.sales.PaymentLedger;
import com.kippu.center.sales.PaymentUse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Payment lookups over {@code ticket} and {@code card_sale}. */
public final class SqlPaymentLedger implements PaymentLedger {
  private final Database db;

  public SqlPaymentLedger(Database db) {
    this.db = db;
  }

  @Override
  public Optional<PaymentUse> use(PaymentMethod method, String reference) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT 'RESERVATION', reservation_number FROM ticket"
                      + " WHERE payment_method = ? AND payment_reference = ?"
                      + " UNION ALL SELECT 'CARD_SALE', sale_id FROM card_sale"
                      + " WHERE payment_method = ? AND payment_reference = ?")) {
            ps.setString(1, method.name());
            ps.setString(2, reference);
            ps.setString(3, method.name());
            ps.setString(4, reference);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new PaymentUse(PaymentUse.Kind.valueOf(rs.getString(1)), rs.getString(2)))
                  : Optional.empty();
            }
          }
        });
  }
}
