package com.kippu.atm.center.internal;

import com.kippu.iso8583.LinkTls;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client every link to the center uses, over HTTPS when the terminal has a trust store.
 */
final class CenterHttp {
  private CenterHttp() {}

  /**
   * @param tls the center's trust store and, for mutual TLS, this terminal's certificate (S2 ¶52);
   *     empty for plain HTTP on the branch's loopback
   */
  static HttpClient client(Duration timeout, Optional<SSLContext> tls) {
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
    tls.ifPresent(
        context ->
            http.sslContext(context).sslParameters(new SSLParameters(null, LinkTls.protocols())));
    return http.build();
  }
}
