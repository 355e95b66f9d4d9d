package com.kippu.atm;

import com.kippu.atm.card.CardAccess;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.device.CertifiedCardAccess;
import com.kippu.atm.keys.JceLinkKeys;
import com.kippu.atm.keys.KeyStorage;
import com.kippu.atm.keys.LinkKeyModule;
import com.kippu.atm.keys.Pkcs12KeyStorage;
import com.kippu.atm.keys.SoftwareLinkKeys;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.devices.CardAccessExchange.Certificate;
import com.kippu.devices.CardAccessExchange.TerminalKey;
import com.kippu.iso8583.LinkTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Every configuration key of the plugin, read in one place with its default. A missing or bad value
 * fails start-up with an error naming the key.
 */
public record PluginConfig(
    TerminalProfile terminal,
    String acquirerId,
    String cardAcceptorId,
    String bankHost,
    int bankPort,
    Duration bankTimeout,
    URI centerUrl,
    Duration centerTimeout,
    Optional<String> centerTerminalSecret,
    Path journalFile,
    Path bankLinkStateFile,
    LinkKeyModule terminalMasterKey,
    Path jposXml,
    String icCardDevice,
    String receiptPrinterDevice,
    String pinPadDevice,
    String cardReaderDevice,
    String emoneyDevice,
    String cashChangerDevice,
    String ticketPrinterDevice,
    Set<String> bankCodes,
    Optional<ExtraLink> alternate,
    Optional<ExtraLink> cardNetwork,
    CardAccess cardAccess,
    ZoneId zone,
    Locale language,
    Optional<LinkTls> bankTls,
    PublicKey centerRootKey,
    Optional<LinkTls> centerTls,
    Kiosk kiosk) {

  /**
   * The terminal master key (TMK) the bank installed in this terminal, as the module that uses it
   * (working keys come under it): a key store's handle, or a development hex key in software.
   */
  @Override
  public LinkKeyModule terminalMasterKey() {
    return terminalMasterKey;
  }

  @Override
  public String toString() {
    return "PluginConfig[terminal="
        + terminal
        + ", bank="
        + bankHost
        + ":"
        + bankPort
        + ", center="
        + centerUrl
        + (bankTls.isPresent() ? ", bank over TLS" : "")
        + (centerTls.isPresent() ? ", center over TLS" : "")
        + ", keys redacted]";
  }

  /** Reads the keys below from {@code p}; see the README's configuration table. */
  public static PluginConfig from(Properties p) {
    return from(p, null);
  }

  /**
   * As {@link #from(Properties)}, with the master keys from {@code storage} instead of {@code
   * keys.store} when it is not null (e.g. a PIN pad's or HSM's key handles).
   */
  static PluginConfig from(Properties p, KeyStorage storage) {
    Reader r = new Reader(p);
    TerminalProfile terminal =
        r.parse(
            "terminal.id",
            null,
            id ->
                new TerminalProfile(
                    id,
                    r.parse("terminal.kind", "BANK_ATM", TerminalProfile.Kind::valueOf),
                    devices(r)));
    MasterKeys keys = new MasterKeys(r, storage);
    PublicKey root = centerRootKey(r);
    return new PluginConfig(
        terminal,
        r.parse("bank.acquirerId", "000001", s -> r.digits("bank.acquirerId", s, 1, 11)),
        r.parse("bank.cardAcceptorId", "KIPPU-ATM", s -> s),
        r.parse("bank.host", "127.0.0.1", s -> s),
        r.parse("bank.port", null, Integer::parseInt),
        r.parse("bank.timeoutMs", "10000", s -> Duration.ofMillis(Long.parseLong(s))),
        r.parse("center.url", null, URI::create),
        r.parse("center.timeoutMs", "10000", s -> Duration.ofMillis(Long.parseLong(s))),
        r.optional("center.terminalSecret"),
        r.parse("journal.file", "journal.db", Path::of),
        r.parse("bank.stateFile", "bank-link.db", Path::of),
        keys.linkKeys("bank.terminalMasterKey"),
        r.parse("devices.jposXml", null, Path::of),
        r.parse("devices.icCard", "ICCardRW", s -> s),
        r.parse("devices.receiptPrinter", "ReceiptPrinter", s -> s),
        r.parse("devices.pinPad", "PINPad", s -> s),
        r.parse("devices.cardReader", "MSR", s -> s),
        r.parse("devices.emoney", "EMoneyRW", s -> s),
        r.parse("devices.cashChanger", "CashChanger", s -> s),
        r.parse("devices.ticketPrinter", "TicketPrinter", s -> s),
        r.parse("bank.bankCodes", "*", PluginConfig::bankCodes),
        extraLink(r, keys, "alternate", "alternate-link.db"),
        extraLink(r, keys, "cardNetwork", "card-network-link.db"),
        cardAccess(r, keys, root),
        r.parse("zone", "Asia/Tokyo", ZoneId::of),
        r.parse("terminal.language", "ja", PluginConfig::language),
        tls(r, "bank.tls."),
        root,
        centerTls(r, terminal),
        kiosk(r));
  }

  /**
   * This terminal's way into cards (S1 ¶41, claim 12): its X25519 key {@code card.accessKey} (a
   * master key: key store or hex) and {@code card.accessCertificate} (base64), which the center's
   * root key must have signed for it.
   *
   * <p>Unlike the TMKs, this key is read as its 32 raw bytes: the card access exchange computes
   * X25519 on raw scalars, and a PKCS#12 store keeps an X25519 private key only beside a
   * certificate chain, so the store holds it as a secret key entry whose bytes are read here. A
   * device that must keep it inside would need the exchange to take a {@code KeyAgreement} handle.
   */
  static CardAccess cardAccess(Reader r, MasterKeys keys, PublicKey root) {
    Certificate certificate =
        r.parse(
            "card.accessCertificate",
            null,
            s -> {
              Certificate c = Certificate.decode(java.util.Base64.getDecoder().decode(s.strip()));
              if (!c.signedBy(root.getEncoded())) {
                throw new IllegalArgumentException("not signed by the center's root key");
              }
              return c;
            });
    TerminalKey key = TerminalKey.of(keys.get("card.accessKey", 32));
    try {
      return new CertifiedCardAccess(key, certificate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("card.accessKey: " + e.getMessage(), e);
    }
  }

  /**
   * HTTPS to the issuer center (S2 ¶52): {@code center.tls.trustStore} (PKCS#12 with the center's
   * CA, password {@code center.tls.trustStorePassword}) and, for mutual TLS, {@code
   * center.tls.keyStore} / {@code center.tls.keyStorePassword} with this terminal's certificate. A
   * home PC reaches the center over the Internet, so it must have a trust store and an https {@code
   * center.url}: nothing it is told over plain HTTP is trusted.
   */
  private static Optional<LinkTls> centerTls(Reader r, TerminalProfile terminal) {
    Optional<LinkTls> tls = tls(r, "center.tls.");
    URI url = r.parse("center.url", null, URI::create);
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    if (tls.isPresent() && !https) {
      throw new IllegalArgumentException(
          "configuration key 'center.url' must be https when center.tls.trustStore is set");
    }
    if (terminal.kind() == TerminalProfile.Kind.HOME_PC && (tls.isEmpty() || !https)) {
      throw new IllegalArgumentException(
          "configuration key 'center.url' must be https with center.tls.trustStore on a home PC"
              + " (S2 ¶52: it reaches the center over the Internet)");
    }
    return tls;
  }

  /**
   * How a card-issuing terminal hands out its cards (F7): how long a finished card waits at the
   * slot before it is captured ({@code terminal.cardPresentTimeoutMs} [10000]), and which stocker
   * hopper holds each prepaid product's pre-valued cards ({@code terminal.prepaidHoppers}: a comma
   * list of {@code productId:hopper}, hoppers 1 to 3; none by default). Hopper 0 holds blank cards.
   */
  public record Kiosk(Duration presentTimeout, Map<String, Integer> prepaidHoppers) {
    public Kiosk {
      prepaidHoppers = Map.copyOf(prepaidHoppers);
    }
  }

  private static Kiosk kiosk(Reader r) {
    return new Kiosk(
        r.parse(
            "terminal.cardPresentTimeoutMs",
            "10000",
            s -> {
              long ms = Long.parseLong(s);
              if (ms < 0) {
                throw new IllegalArgumentException("must be 0 or more");
              }
              return Duration.ofMillis(ms);
            }),
        r.optional("terminal.prepaidHoppers")
            .map(v -> r.parse("terminal.prepaidHoppers", null, PluginConfig::prepaidHoppers))
            .orElse(Map.of()));
  }

  private static Map<String, Integer> prepaidHoppers(String raw) {
    Map<String, Integer> hoppers = new java.util.TreeMap<>();
    for (String entry : raw.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      String[] parts = e.split(":");
      if (parts.length != 2 || !parts[0].matches("[a-z0-9-]{1,64}") || !parts[1].matches("[1-3]")) {
        throw new IllegalArgumentException(
            "each entry is productId:hopper with hopper 1 to 3, e.g. prepaid-3000:1: " + e);
      }
      if (hoppers.put(parts[0], Integer.parseInt(parts[1])) != null) {
        throw new IllegalArgumentException("product " + parts[0] + " named twice");
      }
    }
    return hoppers;
  }

  /**
   * A further link besides the bank host's: {@code cardNetwork.*}, the card network's route for
   * credit and prepaid (S2 ¶27-32), or {@code alternate.*}, an in-company CD's route to issuers at
   * other banks (S1 ¶115-116). Present when {@code <prefix>.port} is set: its host [bank.host], its
   * own terminal master key and link state file.
   */
  public record ExtraLink(String host, int port, LinkKeyModule terminalMasterKey, Path stateFile) {
    @Override
    public String toString() {
      return "ExtraLink[" + host + ":" + port + ", key redacted]";
    }
  }

  private static Optional<ExtraLink> extraLink(
      Reader r, MasterKeys keys, String prefix, String stateFile) {
    if (r.optional(prefix + ".port").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ExtraLink(
            r.parse(prefix + ".host", r.p().getProperty("bank.host", "127.0.0.1"), s -> s),
            r.parse(prefix + ".port", null, Integer::parseInt),
            keys.linkKeys(prefix + ".terminalMasterKey"),
            r.parse(prefix + ".stateFile", stateFile, Path::of)));
  }

  /** The bank codes the bank host's link reaches: {@code *} (it clears between banks) or a list. */
  private static Set<String> bankCodes(String raw) {
    Set<String> codes = new java.util.TreeSet<>();
    for (String code : raw.split(",")) {
      String c = code.trim();
      if (!c.equals("*") && !c.matches("\\d{4}")) {
        throw new IllegalArgumentException("bank codes are 4 digits or *: " + c);
      }
      codes.add(c);
    }
    return codes;
  }

  /** The devices this terminal has, one {@code terminal.<device>} flag each. */
  private static Set<TerminalProfile.Device> devices(Reader r) {
    Set<TerminalProfile.Device> devices = EnumSet.noneOf(TerminalProfile.Device.class);
    DEVICE_KEYS.forEach(
        (key, device) -> {
          String fallback = DEVICE_DEFAULTS.contains(device) ? "true" : "false";
          if (r.parse(key, fallback, PluginConfig::flag)) {
            devices.add(device);
          }
        });
    return devices;
  }

  private static final Map<String, TerminalProfile.Device> DEVICE_KEYS =
      Map.of(
          "terminal.icCardWriter", TerminalProfile.Device.IC_CARD_WRITER,
          "terminal.cashIn", TerminalProfile.Device.CASH_IN,
          "terminal.cardReader", TerminalProfile.Device.CARD_READER,
          "terminal.pinPad", TerminalProfile.Device.PIN_PAD,
          "terminal.emoney", TerminalProfile.Device.EMONEY_READER,
          "terminal.ticketPrinter", TerminalProfile.Device.TICKET_PRINTER,
          "terminal.cardStocker", TerminalProfile.Device.CARD_STOCKER);

  private static final Set<TerminalProfile.Device> DEVICE_DEFAULTS =
      EnumSet.of(TerminalProfile.Device.IC_CARD_WRITER, TerminalProfile.Device.PIN_PAD);

  private static boolean flag(String raw) {
    if (!raw.equals("true") && !raw.equals("false")) {
      throw new IllegalArgumentException("must be true or false");
    }
    return Boolean.parseBoolean(raw);
  }

  /** The customer's screens: Japanese (the default for a Japanese terminal) or English. */
  private static Locale language(String tag) {
    if (!tag.equals("ja") && !tag.equals("en")) {
      throw new IllegalArgumentException("must be ja or en");
    }
    return Locale.forLanguageTag(tag);
  }

  /**
   * TLS when {@code <prefix>trustStore} is set (PKCS#12 with the peer's CA or certificate, password
   * {@code <prefix>trustStorePassword}); {@code <prefix>keyStore} and {@code
   * <prefix>keyStorePassword} add this terminal's own certificate for mutual TLS. Any other key
   * under the prefix without a trust store is refused rather than silently ignored. Passwords are
   * taken as written (not trimmed). The bank's link uses {@code bank.tls.}, the center's {@code
   * center.tls.}.
   */
  private static Optional<LinkTls> tls(Reader r, String prefix) {
    Optional<String> trust = r.optional(prefix + "trustStore");
    if (trust.isEmpty()) {
      r.p().stringPropertyNames().stream()
          .filter(k -> k.startsWith(prefix))
          .findFirst()
          .ifPresent(
              k -> {
                throw new IllegalArgumentException(
                    "configuration key '" + k + "' needs " + prefix + "trustStore as well");
              });
      return Optional.empty();
    }
    LinkTls.Store trustStore =
        r.parse(
            prefix + "trustStore",
            null,
            file -> new LinkTls.Store(Path.of(file), r.secret(prefix + "trustStorePassword")));
    Optional<LinkTls.Store> own =
        r.optional(prefix + "keyStore")
            .map(
                file ->
                    r.parse(
                        prefix + "keyStore",
                        null,
                        f -> new LinkTls.Store(Path.of(f), r.secret(prefix + "keyStorePassword"))));
    return Optional.of(
        r.parse(
            own.isPresent() ? prefix + "keyStore" : prefix + "trustStore",
            null,
            x -> LinkTls.client(trustStore, own)));
  }

  /**
   * The center's root key the terminal is installed with (S1 ¶61: issuer keys are trusted only
   * through it): {@code center.rootKey}, base64 of its X.509 SubjectPublicKeyInfo, or {@code
   * center.rootKeyFile}, a file holding that text.
   */
  private static PublicKey centerRootKey(Reader r) {
    if (r.optional("center.rootKey").isEmpty() && r.optional("center.rootKeyFile").isPresent()) {
      return r.parse(
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
    return r.parse("center.rootKey", null, IssuerKeyTrust::rootKey);
  }

  /**
   * The master keys: from the PKCS#12 store {@code keys.store} (password in the file named by
   * {@code keys.storePasswordFile}), each under its configuration key's name, where a clear value
   * in the properties is then refused; without a store, as hex in the properties (development).
   * TMKs from a store are used as handles ({@link JceLinkKeys}), never read as bytes.
   */
  private static final class MasterKeys {
    private final Reader r;
    private KeyStorage store;

    MasterKeys(Reader r, KeyStorage given) {
      this.r = r;
      this.store = given;
    }

    private boolean fromStore() {
      return store != null || r.optional("keys.store").isPresent();
    }

    /** The TMK named {@code key}, as the module the link's security uses. */
    LinkKeyModule linkKeys(String key) {
      if (!fromStore()) {
        byte[] clear = r.parse(key, null, s -> r.key(key, s, 16));
        try {
          return SoftwareLinkKeys.withMasterKey(clear, new SecureRandom());
        } finally {
          Arrays.fill(clear, (byte) 0);
        }
      }
      refuseClear(key);
      try {
        return JceLinkKeys.from(store(), key);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("configuration key '" + key + "': " + e.getMessage(), e);
      }
    }

    private void refuseClear(String key) {
      if (r.optional(key).isPresent()) {
        throw new IllegalArgumentException(
            "configuration key '" + key + "' must not be set: the key comes from keys.store");
      }
    }

    /** A key read as its raw bytes (the card access key; see {@link #cardAccess}). */
    byte[] get(String key, int length) {
      if (!fromStore()) {
        return r.parse(key, null, s -> r.key(key, s, length));
      }
      refuseClear(key);
      byte[] bytes;
      try {
        bytes = store().key(key).getEncoded();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("configuration key '" + key + "': " + e.getMessage(), e);
      }
      if (bytes == null || bytes.length != length) {
        throw new IllegalArgumentException(
            "configuration key '" + key + "': the stored key must be " + length + " bytes");
      }
      return bytes;
    }

    private KeyStorage store() {
      if (store == null) {
        Path file = r.parse("keys.store", null, Path::of);
        char[] password =
            r.parse(
                "keys.storePasswordFile",
                null,
                s -> {
                  try {
                    return Files.readString(Path.of(s)).strip().toCharArray();
                  } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + s, e);
                  }
                });
        store = Pkcs12KeyStorage.open(file, password);
      }
      return store;
    }
  }

  private record Reader(Properties p) {
    <T> T parse(String key, String fallback, java.util.function.Function<String, T> parser) {
      String raw = p.getProperty(key, fallback);
      if (raw == null || raw.isBlank()) {
        throw new IllegalArgumentException("configuration key '" + key + "' is required");
      }
      try {
        return parser.apply(raw.trim());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "configuration key '" + key + "' has a bad value: " + e.getMessage(), e);
      }
    }

    /** A password as written, empty when absent. */
    char[] secret(String key) {
      String raw = p.getProperty(key);
      return raw == null ? new char[0] : raw.toCharArray();
    }

    Optional<String> optional(String key) {
      String raw = p.getProperty(key);
      return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    String digits(String key, String value, int min, int max) {
      if (!value.matches("\\d{" + min + "," + max + "}")) {
        throw new IllegalArgumentException(key + " must be " + min + "-" + max + " digits");
      }
      return value;
    }

    byte[] key(String key, String hex, int length) {
      byte[] bytes = HexFormat.of().parseHex(hex);
      if (bytes.length != length) {
        throw new IllegalArgumentException(
            key + " must be " + length + " bytes (" + 2 * length + " hex digits)");
      }
      return bytes;
    }
  }
}
