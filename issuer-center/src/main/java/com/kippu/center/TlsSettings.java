package com.kippu.center;

import java.nio.file.Path;

/**
 * HTTPS for the center's listener. Keys: {@code center.tls.keystore} (a PKCS#12 file with the
 * center's key and certificate; none by default, plain HTTP) and {@code
 * center.tls.keystore-password}; {@code center.tls.client-truststore} (PKCS#12 with the CA that
 * certifies terminals, e.g. home PCs, S2 ¶52) and {@code center.tls.client-truststore-password}
 * make it mutual TLS: a client without a certificate of that CA is refused in the handshake, and a
 * terminal may only speak as the terminal id its certificate names.
 */
public record TlsSettings(
    Path keyStore, String password, Path clientTrustStore, String clientTrustPassword) {
  public static final TlsSettings NONE = new TlsSettings(null, "");

  public TlsSettings {
    password = password == null ? "" : password;
    clientTrustPassword = clientTrustPassword == null ? "" : clientTrustPassword;
    if (clientTrustStore != null && keyStore == null) {
      throw new IllegalArgumentException(
          "center.tls.client-truststore needs center.tls.keystore as well");
    }
  }

  /** Server-side TLS only. */
  public TlsSettings(Path keyStore, String password) {
    this(keyStore, password, null, "");
  }

  public boolean enabled() {
    return keyStore != null;
  }

  /** Whether every client must present a certificate of {@link #clientTrustStore}. */
  public boolean clientCertificates() {
    return clientTrustStore != null;
  }

  @Override
  public String toString() {
    return !enabled()
        ? "plain HTTP"
        : "HTTPS with " + keyStore + (clientCertificates() ? ", client certificates required" : "");
  }
}
