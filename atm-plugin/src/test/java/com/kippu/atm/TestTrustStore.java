package com.kippu.atm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;

/**
 * A PKCS#12 trust store with one self-signed certificate, made by the JDK's keytool, for
 * configurations that need the center's trust store (a home PC's {@code center.tls.trustStore}).
 */
final class TestTrustStore {
  static final String PASSWORD = "test-trust-store";

  private static Path made;

  private TestTrustStore() {}

  static synchronized Path get() throws IOException, InterruptedException {
    if (made != null) {
      return made;
    }
    Path dir = Files.createTempDirectory("kippu-trust");
    Path keys = dir.resolve("center.p12");
    Process keytool =
        new ProcessBuilder(
                List.of(
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
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keys.toString(),
                    "-storepass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    if (keytool.waitFor() != 0) {
      throw new IOException("keytool failed");
    }
    try {
      KeyStore in = KeyStore.getInstance("PKCS12");
      try (var s = Files.newInputStream(keys)) {
        in.load(s, PASSWORD.toCharArray());
      }
      Certificate cert = in.getCertificate("center");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("center", cert);
      Path file = dir.resolve("trust.p12");
      try (var out = Files.newOutputStream(file)) {
        trust.store(out, PASSWORD.toCharArray());
      }
      made = file;
      return file;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }
}
