package com.kippu.center.sales.sql;

import com.kippu.center.db.Database;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.reservation.sql.PaymentRows;
import com.kippu.center.sales.PaymentLedger;
import java.util.Optional;

/** Payment lookups over the {@code payment} table. */
public final class SqlPaymentLedger implements PaymentLedger {
  private final Database db;

  public SqlPaymentLedger(Database db) {
    this.db = db;
  }

  @Override
  public Optional<PaymentUse> use(PaymentProof proof) {
    return db.read(c -> PaymentRows.use(c, proof));
  }
}
