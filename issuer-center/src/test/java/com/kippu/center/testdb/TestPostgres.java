package com.kippu.center.testdb;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One real PostgreSQL server for the whole test JVM, started on first use from the server binaries
 * that Maven Central ships as a test dependency, and stopped when the JVM exits. PostgreSQL refuses
 * to run as root, so under root (CI) its processes drop to the unprivileged {@code nobody} user
 * with {@code setpriv}. Each caller gets a fresh, empty database.
 *
 * <p>System properties: {@code kippu.postgres=skip} skips the PostgreSQL variants (they are
 * reported as skipped); {@code kippu.postgres.url=jdbc:postgresql://host:port/db?user=..} uses that
 * server instead of starting one. Without either, failing to start PostgreSQL fails the tests.
 */
public final class TestPostgres {
  public static final String USER = "kippu";

  private static final String BINARIES = "postgres-linux-x86_64.txz";
  private static final int NOBODY = 65534;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static String adminUrl;
  private static RuntimeException startFailure;

  private TestPostgres() {}

  /** A JDBC URL (user and password included) of a new empty database; aborts when skipped. */
  public static synchronized String newDatabaseUrl() {
    Assumptions.assumeFalse(
        "skip".equalsIgnoreCase(System.getProperty("kippu.postgres", "")),
        "PostgreSQL tests skipped by -Dkippu.postgres=skip");
    if (startFailure != null) {
      throw startFailure;
    }
    if (adminUrl == null) {
      try {
        adminUrl = System.getProperty("kippu.postgres.url", "").isBlank() ? start() : external();
      } catch (RuntimeException e) {
        startFailure =
            new IllegalStateException(
                "PostgreSQL for the tests could not be started (use -Dkippu.postgres=skip to run"
                    + " without, or -Dkippu.postgres.url=... for an existing server): "
                    + e.getMessage(),
                e);
        throw startFailure;
      }
    }
    String name = "kippu_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return withDatabase(adminUrl, name);
  }

  private static String external() {
    return System.getProperty("kippu.postgres.url").strip();
  }

  /** Replaces the database name in {@code url} ({@code jdbc:postgresql://host:port/db?...}). */
  static String withDatabase(String url, String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    String rest = query < 0 ? "" : url.substring(query);
    return url.substring(0, slash + 1) + database + rest;
  }

  private static String start() {
    try {
      Path base = Files.createTempDirectory("kippu-pg-");
      Path install = base.resolve("install");
      Path data = base.resolve("data");
      Files.createDirectories(install);
      unpack(install);
      boolean root = new UnixSystem().getUid() == 0;
      if (root) {
        // The unprivileged server must reach its binaries and own its data directory.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(base, "unix:uid", NOBODY);
        Files.setAttribute(base, "unix:gid", NOBODY);
      }
      Path bin = install.resolve("bin");
      run(
          root,
          base,
          bin.resolve("initdb").toString(),
          "-D",
          data.toString(),
          "-U",
          USER,
          "-A",
          "trust",
          "-E",
          "UTF8",
          "--locale=C",
          "--no-sync");
      int port = freePort();
      run(
          root,
          base,
          bin.resolve("pg_ctl").toString(),
          "-D",
          data.toString(),
          "-l",
          base.resolve("server.log").toString(),
          "-w",
          "-t",
          "60",
          "-o",
          "-p "
              + port
              + " -h 127.0.0.1 -k "
              + base
              + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
              + " -c max_connections=200",
          "start");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      run(
                          root,
                          base,
                          bin.resolve("pg_ctl").toString(),
                          "-D",
                          data.toString(),
                          "-m",
                          "immediate",
                          "-w",
                          "stop");
                    } catch (RuntimeException e) {
                      // the JVM is going away; nothing left to report to
                    }
                    deleteQuietly(base);
                  },
                  "test-postgres-stop"));
      return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unpacks the server binaries from the test classpath with the system's tar (xz). */
  private static void unpack(Path install) throws IOException {
    try (InputStream txz = TestPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
      if (txz == null) {
        throw new IllegalStateException(
            BINARIES + " is not on the test classpath (PostgreSQL binaries for linux-amd64)");
      }
      Process tar =
          new ProcessBuilder("tar", "--no-same-owner", "-xJf", "-", "-C", install.toString())
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = tar.getOutputStream()) {
        txz.transferTo(in);
      }
      String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (tar.waitFor() != 0) {
        throw new IllegalStateException("tar could not unpack " + BINARIES + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted unpacking PostgreSQL", e);
    }
  }

  /** Runs a PostgreSQL tool, as {@code nobody} when we are root; fails with its output. */
  private static void run(boolean asNobody, Path workDir, String... command) {
    List<String> full = new ArrayList<>();
    if (asNobody) {
      full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }
    full.addAll(List.of(command));
    try {
      ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile());
      pb.redirectErrorStream(true);
      pb.redirectOutput(workDir.resolve("tool.out").toFile());
      pb.environment().put("LC_ALL", "C");
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      if (p.exitValue() != 0) {
        String out = Files.readString(workDir.resolve("tool.out"));
        Path log = workDir.resolve("server.log");
        if (Files.exists(log)) {
          out += "\nserver.log:\n" + Files.readString(log);
        }
        throw new IllegalStateException(
            String.join(" ", full) + " exited " + p.exitValue() + ":\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command[0], e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temp directory is harmless
    }
  }
}
