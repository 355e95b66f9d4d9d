package com.kippu.center.card.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.card.CardPass;
import com.kippu.center.card.PassReissueRepository;
import com.kippu.center.card.ReissuedPass;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.outbox.MessageType;
import com.kippu.center.outbox.sql.SqlOutbox;
import com.kippu.center.reservation.CardId;
import com.kippu.center.signing.Ed25519;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Passes on cards from {@code pass_sale} and {@code reissued_pass}; a reissue stores its passes and
 * the railway's records of them in one transaction, only onto the card {@code card_reissue} names.
 */
public final class SqlPassReissues implements PassReissueRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Sold and reissued passes alike, with the pass that replaced each, if any. */
  private static final String PASSES =
      "SELECT x.pass_number, x.original, x.issuer_id, x.card_id, x.valid_until, x.payload,"
          + " x.signature, x.key_id, x.algorithm, rp.pass_number AS replaced_by FROM"
          + " (SELECT pass_number, pass_number AS original, issuer_id, card_id, valid_until,"
          + " payload, signature, key_id, CAST(NULL AS TEXT) AS algorithm, sold_at AS at"
          + " FROM pass_sale UNION ALL SELECT pass_number, original_pass_number, issuer_id,"
          + " card_id, valid_until, payload, signature, key_id, algorithm, issued_at"
          + " FROM reissued_pass) x"
          + " LEFT JOIN reissued_pass rp ON rp.replaces_pass_number = x.pass_number";

  private final Database db;

  public SqlPassReissues(Database db) {
    this.db = db;
  }

  @Override
  public List<CardPass> passesOn(CardId cardId) {
    return db.read(c -> passesOnIn(c, cardId));
  }

  @Override
  public List<CardPass> passesOf(UserId user) {
    return db.read(
        c ->
            list(
                c,
                PASSES
                    + " WHERE x.card_id IN (SELECT card_id FROM user_card WHERE user_id = ?)"
                    + " ORDER BY x.at DESC, x.pass_number",
                user.value()));
  }

  @Override
  public List<ReissuedPass> reissue(
      CardId lostCard, CardId newCard, List<ReissuedPass> replacements, Instant at) {
    return db.write(
        c -> {
          if (!newCard.value().equals(reissuedOnto(c, lostCard))) {
            return List.<ReissuedPass>of();
          }
          for (ReissuedPass r : replacements) {
            if (r.cardId().equals(newCard) && insert(c, r)) {
              SqlOutbox.enqueue(
                  c,
                  "sale-" + r.passNumber(),
                  r.issuerId(),
                  MessageType.SALE,
                  record(c, r, lostCard),
                  at);
            }
          }
          List<ReissuedPass> all = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM reissued_pass WHERE replaces_pass_number IN"
                      + " (SELECT pass_number FROM pass_sale WHERE card_id = ?"
                      + " UNION ALL SELECT pass_number FROM reissued_pass WHERE card_id = ?)"
                      + " ORDER BY replaces_pass_number")) {
            ps.setString(1, lostCard.value());
            ps.setString(2, lostCard.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                all.add(reissued(rs));
              }
            }
          }
          return all;
        });
  }

  static List<CardPass> passesOnIn(Connection c, CardId cardId) throws SQLException {
    return list(c, PASSES + " WHERE x.card_id = ? ORDER BY x.pass_number", cardId.value());
  }

  private static String reissuedOnto(Connection c, CardId lostCard) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT new_card_id FROM card_reissue WHERE lost_card_id = ?")) {
      ps.setString(1, lostCard.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** True when the replacement is new; a pass replaced before keeps its first replacement. */
  private static boolean insert(Connection c, ReissuedPass r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO reissued_pass (pass_number, replaces_pass_number, original_pass_number,"
                + " issuer_id, card_id, valid_until, issued_at, payload, signature, key_id,"
                + " algorithm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (replaces_pass_number) DO NOTHING")) {
      int i = 1;
      ps.setString(i++, r.passNumber());
      ps.setString(i++, r.replaces());
      ps.setString(i++, r.originalPass());
      ps.setString(i++, r.issuerId().value());
      ps.setString(i++, r.cardId().value());
      ps.setString(i++, r.validUntil().toString());
      ps.setLong(i++, r.issuedAt().toEpochMilli());
      ps.setBytes(i++, r.signed().payload());
      ps.setBytes(i++, r.signed().signature());
      ps.setString(i++, r.signed().keyId());
      ps.setString(i, r.signed().algorithm());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * The railway's record of a reissued pass (S2 ¶29, ¶38): the holder, section and period of the
   * pass sold, the pass it replaces and the lost card, and no amount: the sale was paid once.
   */
  private static byte[] record(Connection c, ReissuedPass r, CardId lostCard) throws SQLException {
    ObjectNode p = JSON.createObjectNode();
    p.put("idempotencyKey", "sale-" + r.passNumber());
    p.put("type", MessageType.SALE.name());
    p.put("saleKind", "COMMUTER_PASS_REISSUE");
    p.put("issuerId", r.issuerId().value());
    p.put("passNumber", r.passNumber());
    p.put("reissueOf", r.replaces());
    p.put("originalPassNumber", r.originalPass());
    p.put("cardId", r.cardId().value());
    p.put("lostCardId", lostCard.value());
    try (PreparedStatement ps =
        c.prepareStatement("SELECT * FROM pass_sale WHERE pass_number = ?")) {
      ps.setString(1, r.originalPass());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
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
          p.put("originalPaymentReference", rs.getString("payment_reference"));
        }
      }
    }
    p.put("validUntil", r.validUntil().toString());
    p.put("amountYen", 0);
    p.put("reissuedAt", r.issuedAt().toString());
    try {
      return JSON.writeValueAsBytes(p);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode pass reissue record", e);
    }
  }

  private static List<CardPass> list(Connection c, String sql, String key) throws SQLException {
    List<CardPass> list = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String algorithm = rs.getString("algorithm");
          String by = rs.getString("replaced_by");
          list.add(
              new CardPass(
                  rs.getString("pass_number"),
                  rs.getString("original"),
                  new IssuerId(rs.getString("issuer_id")),
                  new CardId(rs.getString("card_id")),
                  LocalDate.parse(rs.getString("valid_until")),
                  new SignedDocument(
                      rs.getBytes("payload"),
                      rs.getBytes("signature"),
                      rs.getString("key_id"),
                      algorithm == null ? Ed25519.ALGORITHM : algorithm),
                  Optional.ofNullable(by)));
        }
      }
    }
    return list;
  }

  private static ReissuedPass reissued(ResultSet rs) throws SQLException {
    return new ReissuedPass(
        rs.getString("pass_number"),
        rs.getString("replaces_pass_number"),
        rs.getString("original_pass_number"),
        new IssuerId(rs.getString("issuer_id")),
        new CardId(rs.getString("card_id")),
        LocalDate.parse(rs.getString("valid_until")),
        Instant.ofEpochMilli(rs.getLong("issued_at")),
        new SignedDocument(
            rs.getBytes("payload"),
            rs.getBytes("signature"),
            rs.getString("key_id"),
            rs.getString("algorithm")));
  }
}
