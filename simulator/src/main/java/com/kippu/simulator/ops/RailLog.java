package com.kippu.simulator.ops;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hosts' transaction logs of one terminal: the bank host's {@code movements} (transfers,
 * debits, cash deposits) and the card network's {@code authorizations} (credit, prepaid), each row
 * keyed as the host keys it, by STAN and transmission time (field 7, UTC).
 */
final class RailLog {
  static final DateTimeFormatter FIELD_7 = DateTimeFormatter.ofPattern("MMddHHmmss");

  /** One row of a host's log. */
  record Row(
      String host, String stan, String transmitted, String kind, long amountYen, String status) {
    /** The key the terminal's journal and link state name the same request by. */
    String key() {
      return host + ":" + stan + "/" + transmitted;
    }

    /** Whether the host holds the money now. */
    boolean standing() {
      return "APPLIED".equals(status);
    }

    /** Whether money moved and was moved back. */
    boolean reversed() {
      return "REVERSED".equals(status);
    }

    /** The row's time, its year taken from {@code day} (field 7 carries none). */
    Instant at(LocalDate day) {
      LocalDateTime t =
          LocalDateTime.parse(
              day.getYear() + transmitted, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
      return t.toInstant(ZoneOffset.UTC);
    }
  }

  private RailLog() {}

  /** The key of a request sent to {@code host} at {@code at} under {@code stan}. */
  static String key(String host, String stan, Instant at) {
    return host + ":" + stan + "/" + FIELD_7.format(at.atOffset(ZoneOffset.UTC));
  }

  /** The host a payment method's requests go to. */
  static String hostOf(String method) {
    return "credit".equals(method) || "prepaid".equals(method) ? "card-network" : "bank";
  }

  /** Every row of {@code terminalId} in the branch's host files. */
  static List<Row> read(Path branchDir, String terminalId) {
    List<Row> rows = new ArrayList<>();
    read(branchDir.resolve("bank-host.db"), "bank", "movements", "kind", terminalId, rows);
    read(
        branchDir.resolve("card-network.db"),
        "card-network",
        "authorizations",
        "'AUTHORIZATION'",
        terminalId,
        rows);
    return rows;
  }

  private static void read(
      Path file, String host, String table, String kind, String terminalId, List<Row> into) {
    Optional<Connection> db = ReadOnlyDb.open(file);
    if (db.isEmpty()) {
      return;
    }
    try (Connection c = db.get()) {
      if (!ReadOnlyDb.hasTable(c, table)) {
        return;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT stan, transmitted, "
                  + kind
                  + ", amount_yen, status FROM "
                  + table
                  + " WHERE terminal_id = ? ORDER BY id")) {
        ps.setString(1, terminalId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            into.add(
                new Row(
                    host,
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getString(5)));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(host + " log " + file.getFileName() + " unreadable", e);
    }
  }
}
