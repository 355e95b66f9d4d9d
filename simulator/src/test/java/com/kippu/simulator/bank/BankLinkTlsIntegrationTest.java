package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.InMemoryStanSource;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.iso8583.LinkTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.jpos.iso.ISOClientSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank link over TLS on real sockets: a transfer goes through when the host's certificate is
 * trusted and names the host the terminal dialled; a certificate for another name, or one nobody
 * vouches for, ends the connection before a message is sent, and the terminal says why; a terminal
 * that speaks plain TCP gets nothing, and the host goes on serving the others.
 */
class BankLinkTlsIntegrationTest {
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");

  /** Enough for a cold TLS set-up on a busy machine; links expected to fail give up sooner. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(3);
  private static final String PASSWORD = "link-test-pass";

  /** Certificates are made once: keytool takes a while. */
  @TempDir static Path keys;

  @TempDir Path dir;
  private BankHostServer server;
  private final List<JposBankHost> terminals = new ArrayList<>();
  private final SoftwarePinPad pad = new SoftwarePinPad("ATM00001");

  @BeforeAll
  static void certificates() throws Exception {
    certificate("host", "localhost", "SAN=dns:localhost");
    trust("host", "trusted.p12");
    // The same name, but nobody the terminal trusts made it.
    certificate("stranger", "localhost", "SAN=dns:localhost");
    trust("stranger", "stranger-trust.p12");
    certificate("terminal", "ATM00001", "SAN=dns:atm00001.branch.example");
    trust("terminal", "terminals.p12");
  }

  @BeforeEach
  void start() throws Exception {
    server =
        BankHostServer.start(
            dir.resolve("bank.db"),
            HostOptions.defaults(0)
                .withTls(LinkTls.host(store(keys.resolve("host.p12")), Optional.empty())));
    server.ledger().openAccount(CUSTOMER, "YAMADA TARO", 20_000);
    server.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
    CashCards.issue(server, CUSTOMER);
  }

  @AfterEach
  void stop() {
    terminals.forEach(JposBankHost::close);
    if (server != null) {
      server.close();
    }
  }

  private static LinkTls.Store store(Path file) {
    return new LinkTls.Store(file, PASSWORD.toCharArray());
  }

  private BankLinkConfig link(String host) {
    return link(host, server.port(), TIMEOUT);
  }

  private static BankLinkConfig link(String host, int port, Duration timeout) {
    return new BankLinkConfig(host, port, timeout, timeout, "ATM00001", "KIPPU-BRANCH-01", "0001");
  }

  /** A link expected not to come up: it gives up after a few seconds. */
  private BankLinkConfig refused(BankLinkConfig config) {
    return new BankLinkConfig(
            config.host(),
            config.port(),
            REFUSED_WITHIN,
            REFUSED_WITHIN,
            config.terminalId(),
            config.cardAcceptorId(),
            config.acquirerId())
        .withTls(config.tls().orElseThrow());
  }

  private static boolean causedBy(Throwable e, String text) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(text)) {
        return true;
      }
    }
    return false;
  }

  private JposBankHost connect(BankLinkConfig config) throws BankUnavailableException {
    JposBankHost terminal =
        JposBankHost.connect(
            config,
            CashCards.setup(config.terminalId(), pad),
            new InMemoryStanSource(),
            Clock.systemUTC());
    terminals.add(terminal);
    return terminal;
  }

  private BankLinkConfig trusting(String host, String trustStore) {
    return link(host).withTls(LinkTls.client(store(keys.resolve(trustStore)), Optional.empty()));
  }

  @Test
  void aTransferGoesThroughWhenTheCertificateIsTrustedAndNamesTheHost() throws Exception {
    JposBankHost terminal = connect(trusting("localhost", "trusted.p12"));

    assertTrue(terminal.echo());
    assertTrue(
        terminal.transfer(CashCards.transfer(pad, "tls-1", CUSTOMER, ISSUER, 8_800)).approved());
    assertEquals(11_200, server.ledger().balance(CUSTOMER));
    assertEquals(8_800, server.ledger().balance(ISSUER));
  }

  @Test
  void aCertificateThatDoesNotNameTheDialledHostIsRefused() {
    // The certificate names "localhost"; the terminal dialled the address.
    BankUnavailableException e =
        assertThrows(
            BankUnavailableException.class,
            () -> connect(refused(trusting("127.0.0.1", "trusted.p12"))));
    assertTrue(e.getMessage().contains("(TLS: "), e.getMessage());
    assertTrue(
        causedBy(e, "No subject alternative names matching IP address 127.0.0.1"),
        "refused for the name: " + e);
    assertEquals(0, server.ledger().appliedTransferCount());
  }

  @Test
  void aCertificateNobodyVouchesForIsRefused() {
    BankUnavailableException e =
        assertThrows(
            BankUnavailableException.class,
            () -> connect(refused(trusting("localhost", "stranger-trust.p12"))));
    assertTrue(e.getMessage().contains("(TLS: "), e.getMessage());
    assertTrue(causedBy(e, "PKIX path"), "refused as untrusted: " + e);
  }

  @Test
  void aPlainTcpTerminalGetsNothingAndTheHostGoesOnServing() throws Exception {
    assertThrows(
        BankUnavailableException.class,
        () -> connect(link("localhost", server.port(), REFUSED_WITHIN)));

    assertTrue(connect(trusting("localhost", "trusted.p12")).echo());
  }

  @Test
  void aHostRequiringClientCertificatesAdmitsOnlyTheTerminalItsCertificateNames() throws Exception {
    try (BankHostServer strict =
        BankHostServer.start(
            dir.resolve("strict.db"),
            HostOptions.defaults(0)
                .withTls(
                    LinkTls.host(
                        store(keys.resolve("host.p12")),
                        Optional.of(store(keys.resolve("terminals.p12"))))))) {
      // On TLS 1.3 the host refuses the client's certificate after the client's side of the
      // handshake is done: the terminal sees its sign-on go unanswered.
      for (Optional<String> own : List.of(Optional.<String>empty(), Optional.of("stranger.p12"))) {
        BankLinkConfig config =
            link("localhost", strict.port(), REFUSED_WITHIN)
                .withTls(
                    LinkTls.client(
                        store(keys.resolve("trusted.p12")),
                        own.map(file -> store(keys.resolve(file)))));
        assertThrows(BankUnavailableException.class, () -> connect(config), own.toString());
      }

      BankLinkConfig known =
          link("localhost", strict.port(), TIMEOUT)
              .withTls(
                  LinkTls.client(
                      store(keys.resolve("trusted.p12")),
                      Optional.of(store(keys.resolve("terminal.p12")))));
      assertTrue(connect(known).echo());

      // A trusted certificate, but for another terminal than the one speaking (field 41).
      BankLinkConfig impostor =
          new BankLinkConfig(
                  "localhost",
                  strict.port(),
                  REFUSED_WITHIN,
                  REFUSED_WITHIN,
                  "ATM00002",
                  "KIPPU-BRANCH-01",
                  "0001")
              .withTls(
                  LinkTls.client(
                      store(keys.resolve("trusted.p12")),
                      Optional.of(store(keys.resolve("terminal.p12")))));
      assertThrows(BankUnavailableException.class, () -> connect(impostor));
    }
  }

  @Test
  void afterTwoRefusedSetUpsTheTerminalBacksOffInsteadOfHandshakingEverySecond() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket listening =
        LinkTls.host(store(keys.resolve("host.p12")), Optional.empty())
            .serverSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!listening.isClosed()) {
                  try (Socket s = listening.accept()) {
                    accepted.incrementAndGet();
                    s.getInputStream().read(); // takes part in the handshake until it fails
                  } catch (IOException e) {
                    // refused handshakes end here
                  }
                }
              },
              "tls-test-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      ISOClientSocketFactory sockets =
          LinkTls.client(store(keys.resolve("stranger-trust.p12")), Optional.empty())
              .clientSockets(REFUSED_WITHIN);
      int port = listening.getLocalPort();

      for (int attempt = 1; attempt <= 2; attempt++) {
        SSLException refused =
            assertThrows(SSLException.class, () -> sockets.createSocket("localhost", port));
        assertTrue(causedBy(refused, "PKIX path"), refused.toString());
      }
      SSLException backingOff =
          assertThrows(SSLException.class, () -> sockets.createSocket("localhost", port));
      assertTrue(backingOff.getMessage().contains("not retrying TLS"), backingOff.getMessage());
      assertTrue(causedBy(backingOff, "PKIX path"), "says the reason it backs off for");
      assertEquals(2, accepted.get(), "the third attempt did not even connect");
    }
  }

  /** A key pair and self-signed certificate {@code alias}.p12 for {@code name}. */
  private static void certificate(String alias, String name, String san) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-ext",
        san,
        "-validity",
        "2",
        "-keystore",
        keys.resolve(alias + ".p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        alias,
        "-keystore",
        keys.resolve(alias + ".p12").toString(),
        "-storepass",
        PASSWORD,
        "-file",
        keys.resolve(alias + ".pem").toString());
  }

  /** A trust store {@code file} holding the certificate of {@code alias}. */
  private static void trust(String alias, String file) throws Exception {
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        alias,
        "-file",
        keys.resolve(alias + ".pem").toString(),
        "-keystore",
        keys.resolve(file).toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(Files.isExecutable(keytool), "a JDK with keytool runs this test");
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + out);
  }
}
