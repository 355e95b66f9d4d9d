package com.kippu.gate;

import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.gate.check.GatePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Every configuration key of the gate, read in one place with its default; a missing or bad value
 * stops start-up with an error naming the key (see the README's gate section).
 */
public record GateConfig(
    GatePolicy policy,
    PublicKey centerRootKey,
    byte[] cardMasterKey,
    Optional<byte[]> cardAuthKey,
    Path storeFile,
    Path jposXml,
    String icCardDevice,
    String scannerDevice,
    Optional<URI> centerUrl,
    Optional<String> centerSecret,
    Duration centerTimeout) {

  public GateConfig {
    cardMasterKey = cardMasterKey.clone();
    cardAuthKey = cardAuthKey.map(byte[]::clone);
  }

  /**
   * The issuer's card authentication master key ({@code card.authKey}, 64 hex digits): when set,
   * every card must answer a challenge with its own key (copied cards are refused).
   */
  @Override
  public Optional<byte[]> cardAuthKey() {
    return cardAuthKey.map(byte[]::clone);
  }

  @Override
  public byte[] cardMasterKey() {
    return cardMasterKey.clone();
  }

  @Override
  public String toString() {
    return "GateConfig[" + policy.gateId() + ", center=" + centerUrl + ", keys redacted]";
  }

  public static GateConfig from(Properties p) {
    GatePolicy policy =
        new GatePolicy(
            parse(p, "gate.id", null, s -> s),
            parse(p, "gate.venue", null, s -> s),
            parse(p, "gate.events", null, GateConfig::events),
            parse(p, "gate.opensBefore", "PT3H", Duration::parse),
            parse(p, "gate.closesAfter", "PT4H", Duration::parse),
            parse(p, "gate.revocationMaxAge", "PT24H", Duration::parse),
            parse(p, "zone", "Asia/Tokyo", ZoneId::of));
    return new GateConfig(
        policy,
        rootKey(p),
        parse(p, "card.masterKey", null, GateConfig::masterKey),
        optional(p, "card.authKey").map(k -> parse(p, "card.authKey", null, GateConfig::masterKey)),
        parse(p, "store.file", "gate.db", Path::of),
        parse(p, "devices.jposXml", "jpos.xml", Path::of),
        parse(p, "devices.icCard", "ICCardRW", s -> s),
        parse(p, "devices.scanner", "Scanner", s -> s),
        optional(p, "center.url").map(URI::create),
        optional(p, "center.terminalSecret"),
        parse(p, "center.timeoutMs", "3000", s -> Duration.ofMillis(Long.parseLong(s))));
  }

  private static Set<EventId> events(String raw) {
    Set<EventId> events = new LinkedHashSet<>();
    for (String e : raw.split(",")) {
      if (!e.isBlank()) {
        events.add(new EventId(e.trim()));
      }
    }
    return events;
  }

  private static byte[] masterKey(String hex) {
    byte[] key = HexFormat.of().parseHex(hex);
    if (key.length != 32) {
      throw new IllegalArgumentException("must be 32 bytes (64 hex digits)");
    }
    return key;
  }

  /** {@code center.rootKey} (base64) or {@code center.rootKeyFile}: the installed root key. */
  private static PublicKey rootKey(Properties p) {
    if (optional(p, "center.rootKey").isEmpty() && optional(p, "center.rootKeyFile").isPresent()) {
      return parse(
          p,
          "center.rootKeyFile",
          null,
          f -> {
            try {
              return IssuerKeyTrust.rootKey(Path.of(f));
            } catch (IOException e) {
              throw new UncheckedIOException("cannot read " + f, e);
            }
          });
    }
    return parse(p, "center.rootKey", null, IssuerKeyTrust::rootKey);
  }

  private static Optional<String> optional(Properties p, String key) {
    String raw = p.getProperty(key);
    return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
  }

  private static <T> T parse(Properties p, String key, String fallback, Function<String, T> f) {
    String raw = p.getProperty(key, fallback);
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("configuration key '" + key + "' is required");
    }
    try {
      return f.apply(raw.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "configuration key '" + key + "' has a bad value: " + e.getMessage(), e);
    }
  }
}
