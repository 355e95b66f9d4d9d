package com.kippu.center.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V9 on a center that already sold: every ticket and card sale gets its payment row (no acquirer or
 * terminal known), and the old per-table keys on (method, reference) are gone.
 */
class PaymentMigrationIntegrationTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void earlierSalesKeepTheirPaymentsUnderTheNewKey(TestStore engine) {
    try (Database db = Database.open(engine.create(dir))) {
      int before = Migrations.migrate(db, 8);
      assertEquals(8, before);
      new CatalogSeed(new SqlCatalogRepository(db)).seedIfEmpty();
      db.write(
          c -> {
            sql(
                c,
                "INSERT INTO reservation (reservation_number, terminal_id, request_number, card_id,"
                    + " event_id, issuer_id, amount_yen, status, reserved_at, expires_at, payload,"
                    + " signature, key_id, algorithm) VALUES ('R0000000001', 'ATM-0001', 'REQ-1',"
                    + " 'CARD-0001', ?, ?, 8800, 'ISSUED', 1, 2, ?, ?, 'k', 'Ed25519')",
                CatalogSeed.EVENT.value(),
                CatalogSeed.ISSUER.value(),
                new byte[] {1},
                new byte[] {2});
            sql(
                c,
                "INSERT INTO ticket (ticket_number, reservation_number, issuer_id, issue_number,"
                    + " card_id, issued_at, payment_method, payment_amount_yen, payment_reference,"
                    + " payment_stan, payload, signature, key_id, algorithm) VALUES ('T1',"
                    + " 'R0000000001', ?, 1, 'CARD-0001', 3, 'ACCOUNT_TRANSFER', 8800, 'RRN-1',"
                    + " '000123', ?, ?, 'k', 'Ed25519')",
                CatalogSeed.ISSUER.value(),
                new byte[] {1},
                new byte[] {2});
            sql(c, cardSale("CS1", "RRN-2"), CatalogSeed.ISSUER.value());
            return null;
          });

      assertEquals(Migrations.latestVersion(), Migrations.migrate(db));

      assertEquals(
          List.of(
              "ACCOUNT_TRANSFER||RRN-1|000123|ISSUER|RESERVATION|R0000000001",
              "ACCOUNT_TRANSFER||RRN-2|null|ISSUER|CARD_SALE|CS1"),
          db.read(
              c -> {
                List<String> rows = new ArrayList<>();
                try (PreparedStatement ps =
                        c.prepareStatement(
                            "SELECT method, acquirer, terminal_id, reference, stan, received_by,"
                                + " use_kind, subject FROM payment ORDER BY reference");
                    ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    rows.add(
                        rs.getString(1)
                            + "|"
                            + rs.getString(2)
                            + rs.getString(3)
                            + "|"
                            + rs.getString(4)
                            + "|"
                            + rs.getString(5)
                            + "|"
                            + rs.getString(6)
                            + "|"
                            + rs.getString(7)
                            + "|"
                            + rs.getString(8));
                  }
                }
                return rows;
              }));
      // The payment table's key decides now; card_sale kept its rows and takes the same reference.
      db.write(c -> sql(c, cardSale("CS2", "RRN-2"), CatalogSeed.ISSUER.value()));
      assertEquals(
          2L,
          (long)
              db.read(
                  c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT COUNT(*) FROM card_sale");
                        ResultSet rs = ps.executeQuery()) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  }));
    }
  }

  private static String cardSale(String saleId, String reference) {
    return "INSERT INTO card_sale (sale_id, card_id, issuer_id, product_id, kind, amount_yen,"
        + " value_after_yen, payment_method, payment_reference, paid_at, recorded_at) VALUES ('"
        + saleId
        + "', 'PP-0001', ?, 'pp-1000', 'ACTIVATION', 1000, 1000, 'ACCOUNT_TRANSFER', '"
        + reference
        + "', 4, 5)";
  }

  private static int sql(Connection c, String statement, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }
}
