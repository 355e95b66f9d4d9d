package com.kippu.center.verify.sql;

import com.kippu.center.db.Database;
import com.kippu.center.signing.Ed25519;
import com.kippu.center.signing.PublishedKey;
import com.kippu.center.signing.SigningKey;
import com.kippu.center.verify.CenterKeys;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/**
 * The center's key in {@code center_key}: generated on first use ({@code INSERT ... ON CONFLICT DO
 * NOTHING}, so two centers starting together agree on one key) and read back from then on.
 */
public final class SqlCenterKeys implements CenterKeys {
  public static final String KEY_ID = "center#1";

  private final Database db;
  private final Clock clock;

  public SqlCenterKeys(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Creates the key when missing; call once at start-up. */
  public void ensureKey() {
    KeyPair keys = Ed25519.generate();
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO center_key (key_id, public_key, private_key, created_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING")) {
            ps.setString(1, KEY_ID);
            ps.setBytes(2, keys.getPublic().getEncoded());
            ps.setBytes(3, keys.getPrivate().getEncoded());
            ps.setLong(4, clock.millis());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public SigningKey signingKey() {
    return new SigningKey(KEY_ID, Ed25519.privateKey(column("private_key")));
  }

  @Override
  public PublishedKey publishedKey() {
    return new PublishedKey(KEY_ID, Ed25519.ALGORITHM, column("public_key"));
  }

  private byte[] column(String name) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + name + " FROM center_key WHERE key_id = ?")) {
            ps.setString(1, KEY_ID);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new IllegalStateException("the center key was never created");
              }
              return rs.getBytes(1);
            }
          }
        });
  }
}
