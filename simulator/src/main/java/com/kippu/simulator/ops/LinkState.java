package com.kippu.simulator.ops;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the terminal's bank links remember of their requests: each stored reversal (armed, pending,
 * an approval kept, or confirmed) by the payment it belongs to, with the STAN and transmission time
 * the host keys the original by.
 */
final class LinkState {
  /** One row of a link's {@code reversals} table; its key names the host, as {@link RailLog}'s. */
  record Reversal(String paymentId, String originalKey, String state) {
    /** The reversal is still owed: the host may hold money until it is confirmed. */
    boolean pending() {
      return "PENDING".equals(state) || "ARMED".equals(state);
    }
  }

  private final Map<String, Reversal> byPayment = new HashMap<>();
  private final Map<String, Reversal> byKey = new HashMap<>();

  private LinkState() {}

  /** The link state files of a branch (bank, card network, alternate route). */
  static LinkState read(Path branchDir) {
    LinkState s = new LinkState();
    s.readFile(branchDir.resolve("bank-link.db"), "bank");
    s.readFile(branchDir.resolve("card-network-link.db"), "card-network");
    // An in-company CD's alternate route: the simulated branch's bank host stands for it too.
    s.readFile(branchDir.resolve("alternate-link.db"), "bank");
    return s;
  }

  Optional<Reversal> forPayment(String paymentId) {
    return Optional.ofNullable(byPayment.get(paymentId));
  }

  Optional<Reversal> forKey(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  private void readFile(Path file, String host) {
    Optional<Connection> db = ReadOnlyDb.open(file);
    if (db.isEmpty()) {
      return;
    }
    try (Connection c = db.get()) {
      if (!ReadOnlyDb.hasTable(c, "reversals")) {
        return;
      }
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT transaction_id, original_stan, original_transmitted, state"
                      + " FROM reversals ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Reversal r =
              new Reversal(
                  rs.getString(1),
                  host + ":" + rs.getString(2) + "/" + rs.getString(3),
                  rs.getString(4));
          byPayment.put(r.paymentId(), r);
          byKey.put(r.originalKey(), r);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("link state " + file.getFileName() + " unreadable", e);
    }
  }
}
