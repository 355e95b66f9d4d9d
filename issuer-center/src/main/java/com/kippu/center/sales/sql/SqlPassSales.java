package com.kippu.center.sales.sql;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.db.StoreException;
import com.kippu.center.product.FareClass;
import com.kippu.center.product.ProductId;
import com.kippu.center.product.RailSection;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.reservation.sql.PaymentRows;
import com.kippu.center.sales.Holder;
import com.kippu.center.sales.PassSale;
import com.kippu.center.sales.PassSaleRepository;
import com.kippu.center.sales.ProductSaleOutcome;
import com.kippu.center.signing.SignedDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Commuter-pass sales on {@code pass_sale}, their payments on {@code payment}. A sale is recorded
 * in one transaction with its checks; two terminals racing with one payment proof, or one terminal
 * repeating a request, meet the tables' unique keys, and the loser is answered by reading again.
 */
public final class SqlPassSales implements PassSaleRepository {
  private final Database db;

  public SqlPassSales(Database db) {
    this.db = db;
  }

  @Override
  public Optional<PassSale> byRequest(TerminalId terminal, RequestNumber request) {
    return db.read(c -> byRequest(c, terminal, request));
  }

  @Override
  public Recorded record(PassSale sale, PaymentProof payment) {
    try {
      return db.write(c -> recordIn(c, sale, payment));
    } catch (StoreException e) {
      // A unique key refused the insert: what is stored now answers.
      Optional<PassSale> earlier = byRequest(sale.terminalId(), sale.requestNumber());
      if (earlier.isPresent()) {
        return new Recorded(ProductSaleOutcome.REPLAYED, earlier);
      }
      if (db.read(c -> PaymentRows.use(c, payment)).isPresent()) {
        return new Recorded(ProductSaleOutcome.PAYMENT_ALREADY_USED, Optional.empty());
      }
      throw e;
    }
  }

  @Override
  public ProductSaleOutcome withdraw(
      TerminalId terminal, RequestNumber request, PaymentProof payment, Instant at) {
    try {
      return db.write(c -> withdrawIn(c, terminal, request, payment, at));
    } catch (StoreException e) {
      // A sale raced this withdrawal for the payment key: what is stored now answers.
      return db.read(c -> withdrawn(c, terminal, request, payment)).orElseThrow(() -> e);
    }
  }

  private static ProductSaleOutcome withdrawIn(
      Connection c, TerminalId terminal, RequestNumber request, PaymentProof payment, Instant at)
      throws SQLException {
    Optional<ProductSaleOutcome> settled = withdrawn(c, terminal, request, payment);
    if (settled.isPresent()) {
      return settled.get();
    }
    PaymentRows.insert(c, payment, PaymentUse.Kind.WITHDRAWN, request.value(), at);
    return ProductSaleOutcome.WITHDRAWN;
  }

  /**
   * What an earlier sale or withdrawal under {@code request}, or another use of the proof, says.
   */
  private static Optional<ProductSaleOutcome> withdrawn(
      Connection c, TerminalId terminal, RequestNumber request, PaymentProof payment)
      throws SQLException {
    if (byRequest(c, terminal, request).isPresent()) {
      return Optional.of(ProductSaleOutcome.PASS_SOLD);
    }
    Optional<PaymentUse> used = PaymentRows.use(c, payment);
    if (used.isEmpty()) {
      return Optional.empty();
    }
    boolean same =
        used.get().kind() == PaymentUse.Kind.WITHDRAWN
            && used.get().subject().equals(request.value())
            && used.get().sameProof();
    return Optional.of(
        same ? ProductSaleOutcome.WITHDRAWN : ProductSaleOutcome.PAYMENT_ALREADY_USED);
  }

  private static Recorded recordIn(Connection c, PassSale sale, PaymentProof payment)
      throws SQLException {
    Optional<PassSale> earlier = byRequest(c, sale.terminalId(), sale.requestNumber());
    if (earlier.isPresent()) {
      return new Recorded(ProductSaleOutcome.REPLAYED, earlier);
    }
    if (exists(c, "SELECT 1 FROM lost_card WHERE card_id = ?", sale.cardId().value())) {
      return new Recorded(ProductSaleOutcome.CARD_LOST, Optional.empty());
    }
    if (exists(
        c,
        "SELECT 1 FROM prepaid_card WHERE card_id = ? AND status = 'INACTIVE'",
        sale.cardId().value())) {
      return new Recorded(ProductSaleOutcome.CARD_NOT_ACTIVE, Optional.empty());
    }
    Optional<PaymentUse> used = PaymentRows.use(c, payment);
    if (used.isPresent()) {
      return new Recorded(ProductSaleOutcome.PAYMENT_ALREADY_USED, Optional.empty());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pass_sale (pass_number, terminal_id, request_number, issuer_id,"
                + " product_id, card_id, holder_name, holder_phone, holder_address, fare_class,"
                + " line_name, from_station, to_station, valid_from, valid_until, amount_yen,"
                + " payment_method, payment_reference, payload, signature, key_id, sold_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = 1;
      ps.setString(i++, sale.passNumber());
      ps.setString(i++, sale.terminalId().value());
      ps.setString(i++, sale.requestNumber().value());
      ps.setString(i++, sale.issuerId().value());
      ps.setString(i++, sale.productId().value());
      ps.setString(i++, sale.cardId().value());
      ps.setString(i++, sale.holder().name());
      ps.setString(i++, sale.holder().phone());
      ps.setString(i++, sale.holder().address());
      ps.setString(i++, sale.fareClass().name());
      ps.setString(i++, sale.section().line());
      ps.setString(i++, sale.section().fromStation());
      ps.setString(i++, sale.section().toStation());
      ps.setString(i++, sale.validFrom().toString());
      ps.setString(i++, sale.validUntil().toString());
      ps.setLong(i++, sale.amountYen());
      ps.setString(i++, sale.paymentMethod());
      ps.setString(i++, sale.paymentReference());
      ps.setBytes(i++, sale.signed().payload());
      ps.setBytes(i++, sale.signed().signature());
      ps.setString(i++, sale.signed().keyId());
      ps.setLong(i, sale.soldAt().toEpochMilli());
      ps.executeUpdate();
    }
    PaymentRows.insert(c, payment, PaymentUse.Kind.PASS_SALE, sale.passNumber(), sale.soldAt());
    return new Recorded(ProductSaleOutcome.SOLD, Optional.of(sale));
  }

  private static boolean exists(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Optional<PassSale> byRequest(
      Connection c, TerminalId terminal, RequestNumber request) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT * FROM pass_sale WHERE terminal_id = ? AND request_number = ?")) {
      ps.setString(1, terminal.value());
      ps.setString(2, request.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(sale(rs)) : Optional.empty();
      }
    }
  }

  private static PassSale sale(ResultSet rs) throws SQLException {
    return new PassSale(
        rs.getString("pass_number"),
        new TerminalId(rs.getString("terminal_id")),
        new RequestNumber(rs.getString("request_number")),
        new IssuerId(rs.getString("issuer_id")),
        new ProductId(rs.getString("product_id")),
        new CardId(rs.getString("card_id")),
        new Holder(
            rs.getString("holder_name"),
            rs.getString("holder_phone"),
            rs.getString("holder_address")),
        FareClass.valueOf(rs.getString("fare_class")),
        new RailSection(
            rs.getString("line_name"),
            rs.getString("from_station"),
            rs.getString("to_station"),
            (int)
                (LocalDate.parse(rs.getString("valid_until")).toEpochDay()
                    - LocalDate.parse(rs.getString("valid_from")).toEpochDay()
                    + 1)),
        LocalDate.parse(rs.getString("valid_from")),
        LocalDate.parse(rs.getString("valid_until")),
        rs.getLong("amount_yen"),
        rs.getString("payment_method"),
        rs.getString("payment_reference"),
        new SignedDocument(
            rs.getBytes("payload"),
            rs.getBytes("signature"),
            rs.getString("key_id"),
            com.kippu.center.signing.Ed25519.ALGORITHM),
        Instant.ofEpochMilli(rs.getLong("sold_at")));
  }
}
