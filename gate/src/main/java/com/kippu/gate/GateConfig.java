package com.kippu.gate;

import com.kippu.atm.card.CardAccess;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.device.CertifiedCardAccess;
import com.kippu.devices.CardAccessExchange.Certificate;
import com.kippu.devices.CardAccessExchange.TerminalKey;
import com.kippu.gate.check.GatePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
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
    CardAccess cardAccess,
    Optional<byte[]> cardAuthKey,
    Path storeFile,
    Path jposXml,
    String icCardDevice,
    String scannerDevice,
    Optional<URI> centerUrl,
    Optional<String> centerSecret,
    Duration centerTimeout) {

  public GateConfig {
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
    PublicKey root = rootKey(p);
    return new GateConfig(
        policy,
        root,
        cardAccess(p, root),
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

  /**
   * The gate's way into cards: {@code card.accessKey} (its X25519 key, 64 hex digits) and {@code
   * card.accessCertificate} (base64), signed for it by the center's root key.
   */
  private static CardAccess cardAccess(Properties p, PublicKey root) {
    Certificate certificate =
        parse(
            p,
            "card.accessCertificate",
            null,
            s -> {
              Certificate c = Certificate.decode(Base64.getDecoder().decode(s.strip()));
              if (!c.signedBy(root.getEncoded())) {
                throw new IllegalArgumentException("not signed by the center's root key");
              }
              return c;
            });
    TerminalKey key = TerminalKey.of(parse(p, "card.accessKey", null, GateConfig::masterKey));
    try {
      return new CertifiedCardAccess(key, certificate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("card.accessKey: " + e.getMessage(), e);
    }
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
