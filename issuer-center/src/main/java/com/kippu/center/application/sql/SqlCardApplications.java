package com.kippu.center.application.sql;

import com.kippu.center.application.CardApplication;
import com.kippu.center.application.CardApplicationRepository;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Card applications on {@code card_application}. */
public final class SqlCardApplications implements CardApplicationRepository {
  private static final String NEWEST =
      "SELECT * FROM card_application a WHERE version = (SELECT MAX(version) FROM"
          + " card_application b WHERE b.app_id = a.app_id)";

  private final Database db;

  public SqlCardApplications(Database db) {
    this.db = db;
  }

  @Override
  public boolean add(CardApplication a) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO card_application (app_id, version, issuer_id, aid, name, price_yen,"
                      + " code, code_sha256, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (app_id, version) DO NOTHING")) {
            ps.setString(1, a.appId());
            ps.setInt(2, a.version());
            ps.setString(3, a.issuerId().value());
            ps.setString(4, a.aidHex());
            ps.setString(5, a.name());
            ps.setLong(6, a.priceYen());
            ps.setBytes(7, a.code());
            ps.setString(8, a.codeSha256());
            ps.setLong(9, a.uploadedAt().toEpochMilli());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<CardApplication> latest() {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(NEWEST + " ORDER BY app_id");
              ResultSet rs = ps.executeQuery()) {
            List<CardApplication> list = new ArrayList<>();
            while (rs.next()) {
              list.add(row(rs));
            }
            return list;
          }
        });
  }

  @Override
  public Optional<CardApplication> latest(String appId) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(NEWEST + " AND app_id = ?")) {
            ps.setString(1, appId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<CardApplication> version(String appId, int version) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM card_application WHERE app_id = ? AND version = ?")) {
            ps.setString(1, appId);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
          }
        });
  }

  private static CardApplication row(ResultSet rs) throws SQLException {
    return new CardApplication(
        rs.getString("app_id"),
        rs.getInt("version"),
        new IssuerId(rs.getString("issuer_id")),
        rs.getString("aid"),
        rs.getString("name"),
        rs.getLong("price_yen"),
        rs.getBytes("code"),
        rs.getString("code_sha256"),
        Instant.ofEpochMilli(rs.getLong("uploaded_at")));
  }
}
