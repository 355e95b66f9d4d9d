package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.center.testdb.TestStore;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In production the operator reaches the center over HTTPS, and there its token is taken. */
class TlsIntegrationTest {
  private static final String PASSWORD = "center-keystore-pw";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private IssuerCenterServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A self-signed key and certificate for 127.0.0.1, made by the JDK's keytool. */
  private Path keyStore() throws Exception {
    Path file = dir.resolve("center.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "center",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertEquals(0, keytool.waitFor(), "keytool");
    return file;
  }

  private static HttpClient trusting(Path keyStore) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("center", keys.getCertificate("center"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void theOperatorTokenIsTakenOverHttps() throws Exception {
    Path keyStore = keyStore();
    CenterConfig config =
        CenterConfig.from(
            Map.of(
                "center.db",
                TestStore.SQLITE.create(dir).sqliteFile().toString(),
                "center.port",
                "0",
                "center.sweep.seconds",
                "0",
                "center.outbox.seconds",
                "0",
                "center.admin.token",
                CenterClient.ADMIN_TOKEN,
                "center.tls.keystore",
                keyStore.toString(),
                "center.tls.keystore-password",
                PASSWORD));
    server = IssuerCenterServer.start(config, clock);
    assertEquals("https", server.baseUri().getScheme());

    HttpResponse<String> settlement =
        trusting(keyStore)
            .send(
                HttpRequest.newBuilder(server.baseUri().resolve("/v1/settlements/2026-12"))
                    .header("Authorization", "Bearer " + CenterClient.ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, settlement.statusCode(), settlement.body());
  }
}
