package com.kippu.gate.store;

import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.SignedDocument;
import com.kippu.gate.check.Admission;
import com.kippu.gate.check.GateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate's store in one SQLite file (WAL, synchronous=FULL): an admission is on disk before the
 * gate opens. The ticket number is the primary key of {@code admission}, so a ticket is admitted
 * once whatever the number of lanes writing to the file.
 */
public final class SqliteGateStore implements GateStore {
  private final Connection db;
  private PreparedStatement findAdmission;

  private SqliteGateStore(Connection db) {
    this.db = db;
  }

  /**
   * Opens or creates the store in {@code file}.
   *
   * @throws GateStoreException when the file cannot be opened or is not a gate store
   */
  public static SqliteGateStore open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS admission (ticket_number TEXT PRIMARY KEY,"
                + " card_id TEXT NOT NULL, medium TEXT NOT NULL, gate_id TEXT NOT NULL,"
                + " admitted_at INTEGER NOT NULL, synced INTEGER NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS revocation_list (id INTEGER PRIMARY KEY CHECK (id = 1),"
                + " version INTEGER NOT NULL, payload BLOB NOT NULL, signature BLOB NOT NULL,"
                + " key_id TEXT NOT NULL, algorithm TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS issuer_certificate (issuer_id TEXT PRIMARY KEY,"
                + " payload BLOB NOT NULL, signature BLOB NOT NULL, key_id TEXT NOT NULL,"
                + " algorithm TEXT NOT NULL)");
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return new SqliteGateStore(c);
    } catch (SQLException e) {
      throw new GateStoreException("cannot open the gate store " + file, e);
    }
  }

  @Override
  public synchronized Optional<Admission> admission(String ticketNumber) {
    try {
      // Asked for every ticket presented: prepared once.
      if (findAdmission == null) {
        findAdmission =
            db.prepareStatement(
                "SELECT ticket_number, card_id, medium, gate_id, admitted_at, synced"
                    + " FROM admission WHERE ticket_number = ?");
      }
      PreparedStatement ps = findAdmission;
      ps.setString(1, ticketNumber);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(admission(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new GateStoreException("cannot read the admission of " + ticketNumber, e);
    }
  }

  @Override
  public synchronized boolean record(Admission a) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO admission (ticket_number, card_id, medium, gate_id, admitted_at, synced)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_number) DO NOTHING")) {
      ps.setString(1, a.ticketNumber());
      ps.setString(2, a.cardId());
      ps.setString(3, a.medium().name());
      ps.setString(4, a.gateId());
      ps.setLong(5, a.admittedAt().toEpochMilli());
      ps.setInt(6, a.synced() ? 1 : 0);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new GateStoreException("cannot record the admission of " + a.ticketNumber(), e);
    }
  }

  @Override
  public synchronized List<Admission> unsynced() {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT ticket_number, card_id, medium, gate_id, admitted_at, synced"
                + " FROM admission WHERE synced = 0 ORDER BY admitted_at")) {
      List<Admission> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(admission(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new GateStoreException("cannot read the admissions to sync", e);
    }
  }

  @Override
  public synchronized void markSynced(String ticketNumber) {
    update("UPDATE admission SET synced = 1 WHERE ticket_number = ?", ticketNumber);
  }

  @Override
  public synchronized Optional<SignedDocument> revocationList() {
    return document("SELECT payload, signature, key_id, algorithm FROM revocation_list");
  }

  @Override
  public synchronized void keepRevocationList(long version, SignedDocument list) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO revocation_list (id, version, payload, signature, key_id, algorithm)"
                + " VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " version = excluded.version, payload = excluded.payload,"
                + " signature = excluded.signature, key_id = excluded.key_id,"
                + " algorithm = excluded.algorithm WHERE excluded.version >= version")) {
      ps.setLong(1, version);
      bind(ps, 2, list);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new GateStoreException("cannot keep revocation list version " + version, e);
    }
  }

  @Override
  public synchronized Map<IssuerId, SignedDocument> certificates() {
    Map<IssuerId, SignedDocument> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
            db.prepareStatement(
                "SELECT issuer_id, payload, signature, key_id, algorithm FROM issuer_certificate"
                    + " ORDER BY issuer_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(
            new IssuerId(rs.getString(1)),
            new SignedDocument(rs.getBytes(2), rs.getBytes(3), rs.getString(4), rs.getString(5)));
      }
      return out;
    } catch (SQLException e) {
      throw new GateStoreException("cannot read the issuer key certificates", e);
    }
  }

  @Override
  public synchronized void keepCertificate(IssuerId issuer, SignedDocument certificate) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO issuer_certificate (issuer_id, payload, signature, key_id, algorithm)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (issuer_id) DO UPDATE SET"
                + " payload = excluded.payload, signature = excluded.signature,"
                + " key_id = excluded.key_id, algorithm = excluded.algorithm")) {
      ps.setString(1, issuer.value());
      bind(ps, 2, certificate);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new GateStoreException("cannot keep the key certificate of " + issuer, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (findAdmission != null) {
        findAdmission.close();
      }
      db.close();
    } catch (SQLException e) {
      throw new GateStoreException("cannot close the gate store", e);
    }
  }

  private static Admission admission(ResultSet rs) throws SQLException {
    return new Admission(
        rs.getString(1),
        rs.getString(2),
        Admission.Medium.valueOf(rs.getString(3)),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        rs.getInt(6) == 1);
  }

  private static void bind(PreparedStatement ps, int first, SignedDocument d) throws SQLException {
    ps.setBytes(first, d.payload());
    ps.setBytes(first + 1, d.signature());
    ps.setString(first + 2, d.keyId());
    ps.setString(first + 3, d.algorithm());
  }

  private Optional<SignedDocument> document(String sql) {
    try (PreparedStatement ps = db.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(
              new SignedDocument(rs.getBytes(1), rs.getBytes(2), rs.getString(3), rs.getString(4)))
          : Optional.empty();
    } catch (SQLException e) {
      throw new GateStoreException("cannot read the gate store", e);
    }
  }

  private void update(String sql, String key) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, key);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new GateStoreException("cannot update the gate store for " + key, e);
    }
  }
}
