package com.kippu.center.card.sql;

import com.kippu.center.card.CardSale;
import com.kippu.center.card.PendingLoad;
import com.kippu.center.card.PrepaidCard;
import com.kippu.center.card.PrepaidRepository;
import com.kippu.center.card.PrepaidStatus;
import com.kippu.center.card.PrepaidStore;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.product.ProductId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.reservation.sql.PaymentRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prepaid cards on {@code prepaid_card} and {@code card_sale}. A write locks the card row first
 * ({@code FOR UPDATE} on PostgreSQL), so two requests with the same payment proof run one after the
 * other and the second finds the first's sale; the payment table's key is the last line of defence.
 */
public final class SqlPrepaidRepository implements PrepaidRepository {
  private final Database db;

  public SqlPrepaidRepository(Database db) {
    this.db = db;
  }

  @Override
  public int register(IssuerId issuerId, ProductId productId, List<CardId> cardIds, Instant at) {
    return db.write(
        c -> {
          int added = 0;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO prepaid_card (card_id, product_id, issuer_id, status, registered_at)"
                      + " VALUES (?, ?, ?, 'INACTIVE', ?) ON CONFLICT (card_id) DO NOTHING")) {
            for (CardId id : cardIds) {
              ps.setString(1, id.value());
              ps.setString(2, productId.value());
              ps.setString(3, issuerId.value());
              ps.setLong(4, at.toEpochMilli());
              added += ps.executeUpdate();
            }
          }
          return added;
        });
  }

  @Override
  public Optional<PrepaidCard> find(CardId cardId) {
    return db.read(c -> card(c, cardId, ""));
  }

  @Override
  public <T> T write(Function<PrepaidStore, T> work) {
    String lock = db.dialect().lockForUpdate();
    return db.write(
        c -> {
          try {
            return work.apply(new Store(c, lock));
          } catch (Unchecked e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public List<PendingLoad> pendingLoads(CardId cardId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT sale_id, transaction_id, amount_yen, recorded_at FROM purse_load"
                      + " WHERE card_id = ? AND loaded_at IS NULL ORDER BY recorded_at, sale_id")) {
            ps.setString(1, cardId.value());
            List<PendingLoad> loads = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                loads.add(
                    new PendingLoad(
                        rs.getString(1),
                        cardId,
                        rs.getString(2),
                        rs.getLong(3),
                        Instant.ofEpochMilli(rs.getLong(4))));
              }
            }
            return loads;
          }
        });
  }

  @Override
  public boolean loaded(CardId cardId, String transactionId, Instant at) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE purse_load SET loaded_at = COALESCE(loaded_at, ?)"
                      + " WHERE card_id = ? AND transaction_id = ?")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, cardId.value());
            ps.setString(3, transactionId);
            return ps.executeUpdate() == 1;
          }
        });
  }

  private static Optional<PrepaidCard> card(Connection c, CardId cardId, String lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT product_id, issuer_id, status, value_yen FROM prepaid_card WHERE card_id = ?"
                + lock)) {
      ps.setString(1, cardId.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new PrepaidCard(
                    cardId,
                    new ProductId(rs.getString(1)),
                    new IssuerId(rs.getString(2)),
                    PrepaidStatus.valueOf(rs.getString(3)),
                    rs.getLong(4)))
            : Optional.empty();
      }
    }
  }

  private static final class Unchecked extends RuntimeException {
    Unchecked(SQLException e) {
      super(e);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private record Store(Connection c, String lock) implements PrepaidStore {
    @Override
    public Optional<PrepaidCard> card(CardId cardId) {
      try {
        return SqlPrepaidRepository.card(c, cardId, lock);
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }

    @Override
    public boolean lost(CardId cardId) {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM lost_card WHERE card_id = ?")) {
        ps.setString(1, cardId.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }

    @Override
    public long rechargedSince(CardId cardId, Instant since) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COALESCE(SUM(amount_yen), 0) FROM card_sale"
                  + " WHERE card_id = ? AND kind = 'RECHARGE' AND recorded_at >= ?")) {
        ps.setString(1, cardId.value());
        ps.setLong(2, since.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }

    @Override
    public Optional<PaymentUse> paymentUse(PaymentProof proof) {
      try {
        return PaymentRows.use(c, proof);
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }

    @Override
    public Optional<CardSale> sale(String saleId, PaymentProof payment) {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM card_sale WHERE sale_id = ?")) {
        ps.setString(1, saleId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          PrepaidCard after =
              new PrepaidCard(
                  new CardId(rs.getString("card_id")),
                  new ProductId(rs.getString("product_id")),
                  new IssuerId(rs.getString("issuer_id")),
                  PrepaidStatus.ACTIVE,
                  rs.getLong("value_after_yen"));
          return Optional.of(
              new CardSale(
                  saleId,
                  CardSale.Kind.valueOf(rs.getString("kind")),
                  after,
                  payment,
                  Instant.ofEpochMilli(rs.getLong("recorded_at"))));
        }
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }

    @Override
    public void recordLoad(PendingLoad load) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO purse_load (sale_id, card_id, transaction_id, amount_yen, recorded_at)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, load.saleId());
        ps.setString(2, load.cardId().value());
        ps.setString(3, load.transactionId());
        ps.setLong(4, load.amountYen());
        ps.setLong(5, load.recordedAt().toEpochMilli());
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }

    @Override
    public void record(CardSale sale) {
      PrepaidCard card = sale.cardAfter();
      try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO card_sale (sale_id, card_id, issuer_id, product_id, kind,"
                      + " amount_yen, value_after_yen, payment_method, payment_reference, paid_at,"
                      + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement upd =
              c.prepareStatement(
                  "UPDATE prepaid_card SET status = ?, value_yen = ?,"
                      + " activated_at = COALESCE(activated_at, ?) WHERE card_id = ?")) {
        ins.setString(1, sale.saleId());
        ins.setString(2, card.cardId().value());
        ins.setString(3, card.issuerId().value());
        ins.setString(4, card.productId().value());
        ins.setString(5, sale.kind().name());
        ins.setLong(6, sale.payment().amountYen());
        ins.setLong(7, card.valueYen());
        ins.setString(8, sale.payment().method().name());
        ins.setString(9, sale.payment().reference());
        ins.setLong(10, sale.payment().paidAt().toEpochMilli());
        ins.setLong(11, sale.recordedAt().toEpochMilli());
        ins.executeUpdate();
        PaymentRows.insert(
            c, sale.payment(), PaymentUse.Kind.CARD_SALE, sale.saleId(), sale.recordedAt());
        upd.setString(1, card.status().name());
        upd.setLong(2, card.valueYen());
        upd.setLong(3, sale.recordedAt().toEpochMilli());
        upd.setString(4, card.cardId().value());
        upd.executeUpdate();
      } catch (SQLException e) {
        throw new Unchecked(e);
      }
    }
  }
}
