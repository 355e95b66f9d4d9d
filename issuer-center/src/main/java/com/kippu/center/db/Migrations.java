package com.kippu.center.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the schema up to date with Flyway from the versioned scripts of the engine's own folder
 * ({@code db/sqlite}, {@code db/postgresql}, both holding the same versions {@code
 * V<n>__<name>.sql}), recorded in {@code flyway_schema_history}. Flyway locks the history while it
 * migrates (on PostgreSQL an advisory lock, so two centers starting on one database migrate one
 * after the other) and refuses a database whose applied scripts were since edited.
 *
 * <p>A database made by the center's earlier runner records its versions in {@code schema_version}
 * instead. The first Flyway run adopts that history: it records versions 1 to the recorded one as
 * applied, with their checksums, without running them again, and then applies the newer ones as
 * usual. {@code schema_version} is left as it was, as the record of when those versions were
 * applied.
 */
public final class Migrations {
  /** The table Flyway keeps its history in (Flyway's default name). */
  static final String HISTORY_TABLE = "flyway_schema_history";

  /** The table the center's runner before Flyway kept its versions in. */
  static final String LEGACY_TABLE = "schema_version";

  private static final int LATEST_VERSION = 27;

  private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

  private Migrations() {}

  /** Applies the pending migrations; returns the schema version now in force. */
  public static int migrate(Database database) {
    return migrate(database, null);
  }

  /**
   * Applies the pending migrations up to {@code target} (all when null); returns the schema version
   * now in force. A target below the version in force changes nothing.
   */
  static int migrate(Database database, Integer target) {
    return database.withDataSource(
        dataSource -> {
          OptionalInt legacy = legacyVersionToAdopt(dataSource);
          if (legacy.isPresent()) {
            adopt(database.dialect(), dataSource, legacy.getAsInt());
          }
          FluentConfiguration config = configure(database.dialect(), dataSource);
          if (target != null) {
            config.target(MigrationVersion.fromVersion(Integer.toString(target)));
          }
          Flyway flyway = config.load();
          flyway.migrate();
          return current(flyway);
        });
  }

  /**
   * The newest version this build knows: the highest {@code V<n>} of both folders. A test migrates
   * a new database and checks that Flyway ends here, so a new script without this bumped fails.
   */
  public static int latestVersion() {
    return LATEST_VERSION;
  }

  private static FluentConfiguration configure(Dialect dialect, DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + dialect.migrationFolder())
        .table(HISTORY_TABLE)
        // The scripts hold no placeholders; a literal "${" in one stays as written.
        .placeholderReplacement(false)
        .cleanDisabled(true)
        .validateMigrationNaming(true)
        .failOnMissingLocations(true);
  }

  /**
   * Records versions 1 to {@code version} as applied without running them: the schema already has
   * them. Flyway wants a baseline below them on a schema that is not empty; version 0 is it.
   */
  private static void adopt(Dialect dialect, DataSource dataSource, int version) {
    int known = LATEST_VERSION;
    if (version > known) {
      throw new StoreException(
          "the database is at schema version "
              + version
              + ", newer than this build knows ("
              + known
              + "): run a newer center",
          null);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "adopting schema version " + version + " recorded in " + LEGACY_TABLE + " into Flyway");
    try {
      configure(dialect, dataSource)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .baselineDescription("adopted from " + LEGACY_TABLE)
          .skipExecutingMigrations(true)
          .target(MigrationVersion.fromVersion(Integer.toString(version)))
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("cannot adopt the schema history: " + e.getMessage(), e);
    }
  }

  private static int current(Flyway flyway) {
    MigrationInfo current = flyway.info().current();
    if (current == null || current.getVersion() == null) {
      return 0;
    }
    return current.getVersion().getMajor().intValue();
  }

  /**
   * The version the earlier runner recorded, when the database has its table and no Flyway history
   * yet; empty otherwise (a new database, or one Flyway already keeps).
   */
  private static OptionalInt legacyVersionToAdopt(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      if (tableExists(c, HISTORY_TABLE) || !tableExists(c, LEGACY_TABLE)) {
        return OptionalInt.empty();
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + LEGACY_TABLE)) {
        rs.next();
        int version = rs.getInt(1);
        return version > 0 ? OptionalInt.of(version) : OptionalInt.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the schema history: " + e.getMessage(), e);
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, null, table, new String[] {"TABLE"})) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        // PostgreSQL: the table in the schema the center works in, not another schema's namesake.
        if (schema == null || schema.equals(c.getSchema()) || c.getSchema() == null) {
          return true;
        }
      }
      return false;
    }
  }
}
