package com.kippu.center;

import java.nio.file.Path;

/**
 * HTTPS for the center's listener. Keys: {@code center.tls.keystore} (a PKCS#12 file with the
 * center's key and certificate; none by default, plain HTTP) and {@code
 * center.tls.keystore-password}.
 */
public record TlsSettings(Path keyStore, String password) {
  public static final TlsSettings NONE = new TlsSettings(null, "");

  public TlsSettings {
    password = password == null ? "" : password;
  }

  public boolean enabled() {
    return keyStore != null;
  }

  @Override
  public String toString() {
    return enabled() ? "HTTPS with " + keyStore : "plain HTTP";
  }
}
