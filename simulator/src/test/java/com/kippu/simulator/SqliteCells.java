package com.kippu.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text cells of every table of an SQLite database, read read-only through the driver, so a test
 * can judge a value as a whole where the file's bytes run values together.
 */
final class SqliteCells {
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** One text cell and where it is: table, column and row. */
  record Cell(String where, String text) {}

  private SqliteCells() {}

  /** Whether {@code bytes} are an SQLite database file. */
  static boolean isDatabase(byte[] bytes) {
    return bytes.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC);
  }

  /** Every non-null text cell of every table of the database {@code file}. */
  static List<Cell> textCells(Path file) throws IOException {
    List<Cell> cells = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:file:" + file.toUri().getPath() + "?mode=ro");
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs =
            s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
          int columns = rs.getMetaData().getColumnCount();
          for (int row = 1; rs.next(); row++) {
            for (int i = 1; i <= columns; i++) {
              if (rs.getObject(i) instanceof String text) {
                String column = rs.getMetaData().getColumnName(i);
                cells.add(new Cell(table + "." + column + " row " + row, text));
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException(file + ": not readable as a database: " + e.getMessage(), e);
    }
    return cells;
  }
}
