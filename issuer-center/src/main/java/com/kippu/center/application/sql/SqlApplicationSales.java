package com.kippu.center.application.sql;

import com.kippu.center.application.ApplicationSale;
import com.kippu.center.application.ApplicationSaleRepository;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.db.StoreException;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.reservation.sql.PaymentRows;
import com.kippu.center.sales.ProductSaleOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Card application sales on {@code application_sale}, their payments on {@code payment}, recorded
 * in one transaction; a repeated request or a racing second use of one proof meets the tables'
 * unique keys, and the loser is answered by reading again.
 */
public final class SqlApplicationSales implements ApplicationSaleRepository {
  private final Database db;

  public SqlApplicationSales(Database db) {
    this.db = db;
  }

  @Override
  public Optional<ApplicationSale> byRequest(TerminalId terminal, RequestNumber request) {
    return db.read(c -> byRequest(c, terminal, request));
  }

  @Override
  public Recorded record(ApplicationSale sale, PaymentProof payment) {
    try {
      return db.write(c -> recordIn(c, sale, payment));
    } catch (StoreException e) {
      Optional<ApplicationSale> earlier = byRequest(sale.terminalId(), sale.requestNumber());
      if (earlier.isPresent()) {
        return new Recorded(ProductSaleOutcome.REPLAYED, earlier);
      }
      if (db.read(c -> PaymentRows.use(c, payment)).isPresent()) {
        return new Recorded(ProductSaleOutcome.PAYMENT_ALREADY_USED, Optional.empty());
      }
      throw e;
    }
  }

  private static Recorded recordIn(Connection c, ApplicationSale sale, PaymentProof payment)
      throws SQLException {
    Optional<ApplicationSale> earlier = byRequest(c, sale.terminalId(), sale.requestNumber());
    if (earlier.isPresent()) {
      return new Recorded(ProductSaleOutcome.REPLAYED, earlier);
    }
    if (PaymentRows.use(c, payment).isPresent()) {
      return new Recorded(ProductSaleOutcome.PAYMENT_ALREADY_USED, Optional.empty());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO application_sale (sale_id, terminal_id, request_number, issuer_id,"
                + " app_id, version, card_id, amount_yen, payment_method, payment_reference,"
                + " sold_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = 1;
      ps.setString(i++, sale.saleId());
      ps.setString(i++, sale.terminalId().value());
      ps.setString(i++, sale.requestNumber().value());
      ps.setString(i++, sale.issuerId().value());
      ps.setString(i++, sale.appId());
      ps.setInt(i++, sale.version());
      ps.setString(i++, sale.cardId().value());
      ps.setLong(i++, sale.amountYen());
      ps.setString(i++, sale.paymentMethod());
      ps.setString(i++, sale.paymentReference());
      ps.setLong(i, sale.soldAt().toEpochMilli());
      ps.executeUpdate();
    }
    PaymentRows.insert(c, payment, PaymentUse.Kind.APPLICATION_SALE, sale.saleId(), sale.soldAt());
    return new Recorded(ProductSaleOutcome.SOLD, Optional.of(sale));
  }

  private static Optional<ApplicationSale> byRequest(
      Connection c, TerminalId terminal, RequestNumber request) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT * FROM application_sale WHERE terminal_id = ? AND request_number = ?")) {
      ps.setString(1, terminal.value());
      ps.setString(2, request.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ApplicationSale(
                rs.getString("sale_id"),
                terminal,
                request,
                new IssuerId(rs.getString("issuer_id")),
                rs.getString("app_id"),
                rs.getInt("version"),
                new CardId(rs.getString("card_id")),
                rs.getLong("amount_yen"),
                rs.getString("payment_method"),
                rs.getString("payment_reference"),
                Instant.ofEpochMilli(rs.getLong("sold_at"))));
      }
    }
  }
}
