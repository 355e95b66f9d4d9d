package com.kippu.simulator.bank;

import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.security.KeyType;
import com.kippu.iso8583.security.MessageMac;
import com.kippu.iso8583.security.PinCheck;
import com.kippu.iso8583.security.SoftwareHsm;
import com.kippu.iso8583.security.StoredKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * A host's security module and terminal key store: the LMK in its own key file (never in the
 * database), each terminal's TMK and working keys stored under the LMK in SQLite table {@code
 * terminal_keys}, MAC verification and signing, key change and PIN verification. A terminal's
 * previous working keys stay valid after a key change, so a lost 0810 does not lock it out. In
 * development mode an unknown terminal is given its development TMK; otherwise only registered
 * terminals are served.
 */
public final class HostSecurity implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final SoftwareHsm hsm;
  private final Connection db;
  private final boolean development;
  private final Map<String, TerminalKeys> cache = new ConcurrentHashMap<>();

  private HostSecurity(SoftwareHsm hsm, Connection db, boolean development) {
    this.hsm = hsm;
    this.db = db;
    this.development = development;
  }

  /**
   * Opens the key store in {@code dbFile} with the LMK from {@code lmkFile} (created with a random
   * LMK, owner-readable only, when missing).
   */
  public static HostSecurity open(
      Path dbFile, Path lmkFile, boolean development, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    SoftwareHsm hsm = SoftwareHsm.withLmk(loadOrCreateLmk(lmkFile, random), random);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        s.executeUpdate(
            "CREATE TABLE IF NOT EXISTS terminal_keys (terminal_id TEXT PRIMARY KEY, "
                + "tmk TEXT NOT NULL, tak TEXT, tpk TEXT, previous_tak TEXT, previous_tpk TEXT)");
      }
      return new HostSecurity(hsm, c, development);
    } catch (SQLException e) {
      throw new IllegalStateException("terminal key store could not be opened", e);
    }
  }

  /** The module, for PIN enrolment and tokens. */
  public SoftwareHsm hsm() {
    return hsm;
  }

  /** Registers {@code terminalId} with its TMK (installation); working keys come at key change. */
  public synchronized void registerTerminal(String terminalId, byte[] clearTmk) {
    StoredKey tmk = hsm.importClear(KeyType.TMK, clearTmk);
    TerminalKeys keys = new TerminalKeys(tmk, null, null, null, null);
    save(terminalId, keys);
  }

  /** Is this message's MAC right for its terminal? False also for unknown terminals. */
  public boolean verify(ISOMsg m, ISOPackager packager) {
    TerminalKeys keys = keys(m.getString(Field.TERMINAL_ID));
    if (keys == null) {
      return false;
    }
    if (isNetworkManagement(m)) {
      return MessageMac.verify(m, packager, d -> hsm.keyExchangeMac(keys.tmk(), d));
    }
    if (keys.tak() != null && MessageMac.verify(m, packager, mac(keys.tak()))) {
      return true;
    }
    return keys.previousTak() != null && MessageMac.verify(m, packager, mac(keys.previousTak()));
  }

  /**
   * MACs a response for its terminal; leaves it without MAC when the terminal has no keys (the
   * terminal will then treat it as no answer).
   */
  public void sign(ISOMsg response, ISOPackager packager) throws ISOException {
    TerminalKeys keys = keys(response.getString(Field.TERMINAL_ID));
    if (keys == null) {
      return;
    }
    UnaryOperator<byte[]> f;
    if (isNetworkManagement(response)) {
      f = d -> hsm.keyExchangeMac(keys.tmk(), d);
    } else if (keys.tak() != null) {
      f = mac(keys.tak());
    } else {
      return;
    }
    MessageMac.sign(response, packager, f);
  }

  /**
   * Key change (0800 161): new TPK and TAK for the terminal, the current ones kept as previous;
   * returns field 48 of the 0810.
   */
  public synchronized String changeWorkingKeys(String terminalId) {
    TerminalKeys keys = keys(terminalId);
    if (keys == null) {
      throw new IllegalStateException("unknown terminal");
    }
    StoredKey tpk = hsm.generate(KeyType.TPK);
    StoredKey tak = hsm.generate(KeyType.TAK);
    save(terminalId, new TerminalKeys(keys.tmk(), tak, tpk, keys.tak(), keys.tpk()));
    return "TPK"
        + HEX.formatHex(hsm.exportUnderTmk(tpk, keys.tmk()))
        + tpk.checkValue()
        + "TAK"
        + HEX.formatHex(hsm.exportUnderTmk(tak, keys.tmk()))
        + tak.checkValue();
  }

  /** Verifies a PIN block from {@code terminalId} under its current, else previous, TPK. */
  public PinCheck verifyPin(String terminalId, byte[] block, String pan, byte[] salt, byte[] pvv) {
    TerminalKeys keys = keys(terminalId);
    if (keys == null || keys.tpk() == null) {
      return PinCheck.MALFORMED;
    }
    PinCheck check = hsm.verifyPin(keys.tpk(), block, pan, salt, pvv);
    if (check == PinCheck.MALFORMED && keys.previousTpk() != null) {
      return hsm.verifyPin(keys.previousTpk(), block, pan, salt, pvv);
    }
    return check;
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("terminal key store could not be closed", e);
    }
  }

  private UnaryOperator<byte[]> mac(StoredKey tak) {
    return d -> hsm.mac(tak, d);
  }

  private static boolean isNetworkManagement(ISOMsg m) {
    String mti = m.getString(0);
    return Mti.NETWORK_MANAGEMENT_REQUEST.equals(mti)
        || Mti.NETWORK_MANAGEMENT_RESPONSE.equals(mti);
  }

  private TerminalKeys keys(String terminalId) {
    if (terminalId == null) {
      return null;
    }
    TerminalKeys cached = cache.get(terminalId);
    if (cached != null) {
      return cached;
    }
    synchronized (this) {
      TerminalKeys loaded = load(terminalId);
      if (loaded == null && development && terminalId.matches("[ -~]{8}")) {
        registerTerminal(terminalId, TerminalSecurity.developmentMasterKey(terminalId));
        loaded = load(terminalId);
      }
      if (loaded != null) {
        cache.put(terminalId, loaded);
      }
      return loaded;
    }
  }

  private TerminalKeys load(String terminalId) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT tmk, tak, tpk, previous_tak, previous_tpk FROM terminal_keys "
                + "WHERE terminal_id = ?")) {
      ps.setString(1, terminalId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new TerminalKeys(
            StoredKey.decode(rs.getString(1)),
            key(rs.getString(2)),
            key(rs.getString(3)),
            key(rs.getString(4)),
            key(rs.getString(5)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("terminal keys could not be read", e);
    }
  }

  private void save(String terminalId, TerminalKeys k) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO terminal_keys(terminal_id, tmk, tak, tpk, previous_tak, previous_tpk) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(terminal_id) DO UPDATE SET "
                + "tmk = excluded.tmk, tak = excluded.tak, tpk = excluded.tpk, "
                + "previous_tak = excluded.previous_tak, previous_tpk = excluded.previous_tpk")) {
      ps.setString(1, terminalId);
      ps.setString(2, k.tmk().encode());
      ps.setString(3, k.tak() == null ? null : k.tak().encode());
      ps.setString(4, k.tpk() == null ? null : k.tpk().encode());
      ps.setString(5, k.previousTak() == null ? null : k.previousTak().encode());
      ps.setString(6, k.previousTpk() == null ? null : k.previousTpk().encode());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("terminal keys could not be stored", e);
    }
    cache.put(terminalId, k);
  }

  private static StoredKey key(String encoded) {
    return encoded == null ? null : StoredKey.decode(encoded);
  }

  private static byte[] loadOrCreateLmk(Path file, SecureRandom random) {
    try {
      if (Files.exists(file)) {
        return HEX.parseHex(Files.readString(file).trim());
      }
      byte[] lmk = SoftwareHsm.newLmk(random);
      Files.writeString(file, HEX.formatHex(lmk));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the file keeps the directory's default permissions.
      }
      return lmk;
    } catch (IOException e) {
      throw new UncheckedIOException("LMK file could not be read or created", e);
    }
  }

  /** A terminal's keys, all under the LMK. */
  private record TerminalKeys(
      StoredKey tmk, StoredKey tak, StoredKey tpk, StoredKey previousTak, StoredKey previousTpk) {}
}
