package com.kippu.center.product.sql;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.product.CardType;
import com.kippu.center.product.Product;
import com.kippu.center.product.ProductId;
import com.kippu.center.product.ProductRepository;
import com.kippu.center.product.RailSection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Products on the {@code product} table. */
public final class SqlProductRepository implements ProductRepository {
  private final Database db;

  public SqlProductRepository(Database db) {
    this.db = db;
  }

  @Override
  public List<Product> products(CardType type) {
    return db.read(
        c -> {
          List<Product> list = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM product WHERE card_type = ? ORDER BY issuer_id, name,"
                      + " product_id")) {
            ps.setString(1, type.name());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                list.add(product(rs));
              }
            }
          }
          return list;
        });
  }

  @Override
  public Optional<Product> find(ProductId productId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT * FROM product WHERE product_id = ?")) {
            ps.setString(1, productId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(product(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean upsert(IssuerId owner, Product p, Instant at) {
    String lock = db.dialect().lockForUpdate();
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT issuer_id FROM product WHERE product_id = ?" + lock)) {
            ps.setString(1, p.productId().value());
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next() && !rs.getString(1).equals(owner.value())) {
                return false;
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO product (product_id, issuer_id, card_type, name, price_yen,"
                      + " value_yen, line_name, from_station, to_station, period_days, updated_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id) DO"
                      + " UPDATE SET card_type = excluded.card_type, name = excluded.name,"
                      + " price_yen = excluded.price_yen, value_yen = excluded.value_yen,"
                      + " line_name = excluded.line_name, from_station = excluded.from_station,"
                      + " to_station = excluded.to_station, period_days = excluded.period_days,"
                      + " updated_at = excluded.updated_at")) {
            ps.setString(1, p.productId().value());
            ps.setString(2, owner.value());
            ps.setString(3, p.cardType().name());
            ps.setString(4, p.name());
            ps.setLong(5, p.priceYen());
            ps.setLong(6, p.valueYen());
            ps.setString(7, p.section().map(RailSection::line).orElse(null));
            ps.setString(8, p.section().map(RailSection::fromStation).orElse(null));
            ps.setString(9, p.section().map(RailSection::toStation).orElse(null));
            if (p.section().isPresent()) {
              ps.setInt(10, p.section().get().periodDays());
            } else {
              ps.setNull(10, Types.INTEGER);
            }
            ps.setLong(11, at.toEpochMilli());
            ps.executeUpdate();
          }
          return true;
        });
  }

  private static Product product(ResultSet rs) throws SQLException {
    String line = rs.getString("line_name");
    Optional<RailSection> section =
        line == null
            ? Optional.empty()
            : Optional.of(
                new RailSection(
                    line,
                    rs.getString("from_station"),
                    rs.getString("to_station"),
                    rs.getInt("period_days")));
    return new Product(
        new ProductId(rs.getString("product_id")),
        new IssuerId(rs.getString("issuer_id")),
        CardType.valueOf(rs.getString("card_type")),
        rs.getString("name"),
        rs.getLong("price_yen"),
        rs.getLong("value_yen"),
        section);
  }
}
