package com.kippu.center.issuer.sql;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.issuer.IssuerAccount;
import com.kippu.center.issuer.IssuerAccountRepository;
import com.kippu.center.issuer.IssuerKind;
import com.kippu.center.issuer.PendingBankAccount;
import java.net.URI;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Issuer accounts on the {@code issuer} and {@code issuer_credential} tables. */
public final class SqlIssuerAccountRepository implements IssuerAccountRepository {
  private static final String COLUMNS =
      "issuer_id, name, kind, bank_account, fee_bps, sales_endpoint";

  private final Database db;

  public SqlIssuerAccountRepository(Database db) {
    this.db = db;
  }

  @Override
  public boolean create(IssuerAccount a, KeyPair keys) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO issuer (issuer_id, name, kind, bank_account, fee_bps,"
                      + " sales_endpoint, key_id, public_key, private_key)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (issuer_id) DO NOTHING")) {
            bindAccount(ps, a);
            ps.setString(7, a.issuerId().value() + "#1");
            ps.setBytes(8, keys.getPublic().getEncoded());
            ps.setBytes(9, keys.getPrivate().getEncoded());
            return ps.executeUpdate() == 1;
          }
        });
  }

  private static void bindAccount(PreparedStatement ps, IssuerAccount a) throws SQLException {
    ps.setString(1, a.issuerId().value());
    ps.setString(2, a.name());
    ps.setString(3, a.kind().name());
    ps.setString(4, a.bankAccount());
    ps.setInt(5, a.feeBps());
    ps.setString(6, a.salesEndpoint().map(URI::toString).orElse(null));
  }

  @Override
  public boolean update(IssuerAccount a) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE issuer SET name = ?, kind = ?, bank_account = ?, fee_bps = ?,"
                      + " sales_endpoint = ? WHERE issuer_id = ?")) {
            ps.setString(1, a.name());
            ps.setString(2, a.kind().name());
            ps.setString(3, a.bankAccount());
            ps.setInt(4, a.feeBps());
            ps.setString(5, a.salesEndpoint().map(URI::toString).orElse(null));
            ps.setString(6, a.issuerId().value());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<IssuerAccount> find(IssuerId issuerId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM issuer WHERE issuer_id = ?")) {
            ps.setString(1, issuerId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<IssuerAccount> all() {
    return db.read(
        c -> {
          List<IssuerAccount> all = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM issuer ORDER BY issuer_id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              all.add(account(rs));
            }
          }
          return all;
        });
  }

  /** Maps the {@link #COLUMNS} of an {@code issuer} row. */
  public static IssuerAccount account(ResultSet rs) throws SQLException {
    String endpoint = rs.getString("sales_endpoint");
    return new IssuerAccount(
        new IssuerId(rs.getString("issuer_id")),
        rs.getString("name"),
        IssuerKind.valueOf(rs.getString("kind")),
        rs.getString("bank_account"),
        rs.getInt("fee_bps"),
        endpoint == null ? Optional.empty() : Optional.of(URI.create(endpoint)));
  }

  @Override
  public boolean addSecretIfAbsent(IssuerId issuerId, byte[] secret, Instant at) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO issuer_credential (issuer_id, secret, added_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (issuer_id) DO NOTHING")) {
            ps.setString(1, issuerId.value());
            ps.setBytes(2, secret);
            ps.setLong(3, at.toEpochMilli());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<byte[]> secret(IssuerId issuerId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT secret FROM issuer_credential WHERE issuer_id = ?")) {
            ps.setString(1, issuerId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean replaceSecret(IssuerId issuerId, byte[] secret, Instant at) {
    return db.write(
        c -> {
          try (PreparedStatement known =
              c.prepareStatement("SELECT 1 FROM issuer WHERE issuer_id = ?")) {
            known.setString(1, issuerId.value());
            try (ResultSet rs = known.executeQuery()) {
              if (!rs.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO issuer_credential (issuer_id, secret, added_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (issuer_id) DO UPDATE SET secret = excluded.secret,"
                      + " added_at = excluded.added_at")) {
            ps.setString(1, issuerId.value());
            ps.setBytes(2, secret);
            ps.setLong(3, at.toEpochMilli());
            ps.executeUpdate();
            return true;
          }
        });
  }

  @Override
  public boolean removeSecret(IssuerId issuerId) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM issuer_credential WHERE issuer_id = ?")) {
            ps.setString(1, issuerId.value());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void proposeBankAccount(IssuerId issuerId, PendingBankAccount proposal) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO issuer_bank_change (issuer_id, bank_account, proposed_by,"
                      + " proposed_at) VALUES (?, ?, ?, ?) ON CONFLICT (issuer_id) DO UPDATE SET"
                      + " bank_account = excluded.bank_account,"
                      + " proposed_by = excluded.proposed_by,"
                      + " proposed_at = excluded.proposed_at")) {
            ps.setString(1, issuerId.value());
            ps.setString(2, proposal.bankAccount());
            ps.setString(3, proposal.proposedBy());
            ps.setLong(4, proposal.proposedAt().toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public Optional<PendingBankAccount> pendingBankAccount(IssuerId issuerId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT bank_account, proposed_by, proposed_at FROM issuer_bank_change"
                      + " WHERE issuer_id = ?")) {
            ps.setString(1, issuerId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new PendingBankAccount(
                          rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean applyPendingBankAccount(IssuerId issuerId, String bankAccount) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM issuer_bank_change WHERE issuer_id = ? AND bank_account = ?")) {
            ps.setString(1, issuerId.value());
            ps.setString(2, bankAccount);
            if (ps.executeUpdate() != 1) {
              return false;
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE issuer SET bank_account = ? WHERE issuer_id = ?")) {
            ps.setString(1, bankAccount);
            ps.setString(2, issuerId.value());
            return ps.executeUpdate() == 1;
          }
        });
  }
}
