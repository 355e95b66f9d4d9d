package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.internal.HttpIssuerCenter;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.iso8583.LinkTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F13 (S2 ¶52): a home PC reaches the center only over mutual TLS. The branch's home PC, with the
 * branch CA's trust store and its own client certificate, is served; a client without a
 * certificate, with one of another CA, with one naming another terminal, one that does not trust
 * the center's certificate, and one speaking plain HTTP are all refused before any answer.
 */
class HomePcTlsIntegrationTest {
  @TempDir static Path dir;
  private static Branch branch;
  private static BranchCertificates certs;

  @BeforeAll
  static void open() throws Exception {
    branch =
        Branch.open(
            dir.resolve("branch"),
            Clock.systemUTC(),
            "home-pc-tls",
            Branch.PRESENT_TIMEOUT,
            TerminalProfile.Kind.HOME_PC);
    certs = BranchCertificates.of(dir.resolve("branch"), branch.terminalId());
  }

  @AfterAll
  static void close() {
    if (branch != null) {
      branch.close();
    }
  }

  private static URI center() {
    return branch.center().baseUri();
  }

  private static SSLContext tls(Path trust, Optional<Path> own, String password) {
    return tls(trust, password, own, password);
  }

  private static SSLContext tls(
      Path trust, String trustPassword, Optional<Path> own, String ownPassword) {
    return LinkTls.client(
            new LinkTls.Store(trust, trustPassword.toCharArray()),
            own.map(p -> new LinkTls.Store(p, ownPassword.toCharArray())))
        .sslContext();
  }

  private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri.resolve("/v1/events")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theHomePcIsServedOverMutualTls() throws Exception {
    assertEquals("https", center().getScheme());
    assertTrue(branch.plugin().config().centerTls().isPresent());
    assertFalse(branch.plugin().center().events().isEmpty(), "the plugin lists events over TLS");
  }

  @Test
  void aClientWithoutACertificateIsRefusedInTheHandshake() {
    HttpClient noCertificate =
        HttpClient.newBuilder()
            .sslContext(tls(certs.trustStore(), Optional.empty(), certs.password()))
            .build();
    assertThrows(IOException.class, () -> get(noCertificate, center()));
  }

  @Test
  void aCertificateOfAnotherCaIsRefusedInTheHandshake() throws Exception {
    BranchCertificates stranger =
        BranchCertificates.stranger(dir.resolve("stranger"), branch.terminalId());
    HttpClient foreign =
        HttpClient.newBuilder()
            .sslContext(
                tls(
                    certs.trustStore(),
                    certs.password(),
                    Optional.of(stranger.terminalKeyStore()),
                    stranger.password()))
            .build();
    assertThrows(IOException.class, () -> get(foreign, center()));
  }

  @Test
  void aClientThatDoesNotTrustTheCentersCertificateRefusesIt() throws Exception {
    HttpClient jdkDefaults = HttpClient.newHttpClient();
    assertThrows(IOException.class, () -> get(jdkDefaults, center()));
  }

  @Test
  void plainHttpToTheCenterGetsNoAnswer() {
    URI plain = URI.create("http://127.0.0.1:" + center().getPort() + "/");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> answer = get(client, plain);
      assertTrue(answer.statusCode() >= 400, "plain HTTP is never served: " + answer.statusCode());
    } catch (Exception e) {
      // Refused: the connection is closed without an HTTP answer.
    }
  }

  @Test
  void aTerminalSpeaksOnlyAsTheTerminalItsCertificateNames() throws Exception {
    Path other = certs.clientKeyStore("ATM00099");
    IssuerCenter impostor =
        new HttpIssuerCenter(
            center(),
            branch.terminalId(),
            Duration.ofSeconds(10),
            branch.plugin().config().centerTerminalSecret().map(RequestSigner::new),
            new IssuerKeyTrust(branch.plugin().config().centerRootKey()),
            Clock.systemUTC(),
            Optional.of(tls(certs.trustStore(), Optional.of(other), certs.password())));
    CenterException e =
        assertThrows(
            CenterException.class,
            () ->
                impostor.rechargeQuote(
                    new com.kippu.atm.card.CardId("KC-10001"),
                    com.kippu.atm.payment.Money.yen(1_000)));
    assertEquals("CERTIFICATE_MISMATCH", e.code(), e.getMessage());
  }
}
