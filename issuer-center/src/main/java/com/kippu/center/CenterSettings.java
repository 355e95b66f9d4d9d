package com.kippu.center;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the center's settings come from, lowest precedence first: a properties file ({@code
 * --config=FILE}), environment variables ({@code CENTER_DB_URL} for {@code center.db.url}, dots and
 * dashes as underscores), system properties, then {@code --key=value} arguments. Every key is
 * checked against {@link #KNOWN}: a misspelt key stops start-up with its name.
 */
public final class CenterSettings {
  /** Every key {@link CenterConfig#from} reads. */
  public static final Set<String> KNOWN =
      Set.of(
          "center.mode",
          "center.host",
          "center.port",
          "center.hold.minutes",
          "center.sweep.seconds",
          "center.http.threads",
          "center.http.queue",
          "center.db",
          "center.db.readers",
          "center.db.busy-timeout.ms",
          "center.db.url",
          "center.db.user",
          "center.db.password",
          "center.db.pool.size",
          "center.claims.writers",
          "center.claims.batch-size",
          "center.claims.reload-pause.ms",
          "center.claims.commit-timeout.ms",
          "center.auth.required",
          "center.auth.seed-secret",
          "center.auth.max-skew.seconds",
          "center.admin.token",
          "center.reservation.pay-within.hours",
          "center.user.pin-iterations",
          "center.user.max-pin-failures",
          "center.user.lockout.minutes",
          "center.user.terminal-max-pin-failures",
          "center.user.terminal-window.minutes",
          "center.cards.auth-key",
          "center.outbox.seconds",
          "center.settlement.zone",
          "center.issuer.sales-hosts",
          "center.recharge.max-card-value-yen",
          "center.recharge.max-per-day-yen",
          "center.tls.keystore",
          "center.tls.keystore-password",
          "center.tls.client-truststore",
          "center.tls.client-truststore-password");

  private static final String ENV_PREFIX = "CENTER_";

  private CenterSettings() {}

  /** Refuses the first unknown key, in name order, so the message is stable. */
  static void requireKnown(Set<String> keys) {
    for (String key : new TreeSet<>(keys)) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException("unknown setting " + key + nearest(key));
      }
    }
  }

  /**
   * The merged settings: {@code file} (may be null), then {@code environment}, then {@code
   * overrides} (system properties and arguments, already merged by the caller).
   */
  public static Map<String, String> read(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (file != null) {
      settings.putAll(fromFile(file));
    }
    settings.putAll(fromEnvironment(environment));
    settings.putAll(overrides);
    requireKnown(settings.keySet());
    return settings;
  }

  static Map<String, String> fromFile(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read settings file " + file, e);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> settings.put(k.strip(), p.getProperty(k).strip()));
    try {
      requireKnown(settings.keySet());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    return settings;
  }

  /** The {@code CENTER_*} variables; one that names no known key is refused like a misspelt key. */
  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> byEnvName = new LinkedHashMap<>();
    KNOWN.forEach(k -> byEnvName.put(envName(k), k));
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name : new TreeSet<>(environment.keySet())) {
      if (!name.startsWith(ENV_PREFIX)) {
        continue;
      }
      String key = byEnvName.get(name);
      if (key == null) {
        throw new IllegalArgumentException("unknown setting in environment variable " + name);
      }
      settings.put(key, environment.get(name));
    }
    return settings;
  }

  /** {@code center.db.busy-timeout.ms} is {@code CENTER_DB_BUSY_TIMEOUT_MS}. */
  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A hint for a near miss of a known key (one edit away, or the same words in another order). */
  private static String nearest(String key) {
    for (String known : new TreeSet<>(KNOWN)) {
      if (distance(key, known) <= 2) {
        return " (did you mean " + known + "?)";
      }
    }
    return "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + swap);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }

  static CenterConfig config(Map<String, String> settings) {
    requireKnown(settings.keySet());
    CenterMode mode = CenterMode.parse(settings.getOrDefault("center.mode", "production"));
    boolean dev = mode == CenterMode.DEVELOPMENT;
    CenterConfig.Store store =
        new CenterConfig.Store(
            Path.of(settings.getOrDefault("center.db", "issuer-center.db")),
            intOf(settings, "center.db.readers", CenterConfig.Store.DEFAULT_READERS),
            Duration.ofMillis(
                intOf(
                    settings,
                    "center.db.busy-timeout.ms",
                    (int) CenterConfig.Store.DEFAULT_BUSY_TIMEOUT.toMillis())),
            settings.getOrDefault("center.db.url", ""),
            settings.getOrDefault("center.db.user", ""),
            settings.getOrDefault("center.db.password", ""),
            intOf(settings, "center.db.pool.size", CenterConfig.Store.DEFAULT_POOL_SIZE));
    CenterConfig.TerminalAuth auth =
        new CenterConfig.TerminalAuth(
            boolOf(settings, "center.auth.required", true),
            settings.getOrDefault(
                "center.auth.seed-secret", dev ? CenterConfig.TerminalAuth.DEV_SECRET : ""),
            Duration.ofSeconds(
                intOf(
                    settings,
                    "center.auth.max-skew.seconds",
                    (int) CenterConfig.TerminalAuth.DEFAULT_MAX_SKEW.toSeconds())));
    CenterConfig d = CenterConfig.defaults(store);
    return new CenterConfig(
        mode,
        store,
        settings.getOrDefault("center.host", d.host()),
        intOf(settings, "center.port", d.port()),
        Duration.ofMinutes(
            intOf(settings, "center.hold.minutes", (int) d.holdDuration().toMinutes())),
        Duration.ofSeconds(
            intOf(settings, "center.sweep.seconds", (int) d.sweepInterval().toSeconds())),
        intOf(settings, "center.http.threads", d.httpThreads()),
        intOf(settings, "center.http.queue", d.httpQueueCapacity()),
        CenterConfig.SeatClaims.from(settings),
        auth,
        BusinessRules.from(settings),
        tls(settings));
  }

  private static TlsSettings tls(Map<String, String> settings) {
    String keyStore = settings.getOrDefault("center.tls.keystore", "").strip();
    if (keyStore.isEmpty()) {
      return TlsSettings.NONE;
    }
    Path file = Path.of(keyStore);
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("center.tls.keystore is not a readable file: " + file);
    }
    String clients = settings.getOrDefault("center.tls.client-truststore", "").strip();
    Path clientFile = clients.isEmpty() ? null : Path.of(clients);
    if (clientFile != null && !Files.isReadable(clientFile)) {
      throw new IllegalArgumentException(
          "center.tls.client-truststore is not a readable file: " + clientFile);
    }
    return new TlsSettings(
        file,
        settings.getOrDefault("center.tls.keystore-password", ""),
        clientFile,
        settings.getOrDefault("center.tls.client-truststore-password", ""));
  }

  static int intOf(Map<String, String> settings, String key, int fallback) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer: " + value, e);
    }
  }

  static boolean boolOf(Map<String, String> settings, String key, boolean fallback) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false: " + value);
    };
  }
}
