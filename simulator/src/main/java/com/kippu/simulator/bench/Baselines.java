package com.kippu.simulator.bench;

import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.atm.payment.BankHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/**
 * The yardsticks measured in the same run as the sessions, one of each per round: an 0800 echo on
 * the terminal's own bank link (STAN committed, MACed, spec-checked, over TCP to the bank host and
 * back) and a bare signed {@code GET /v1/events} to the issuer center on a keep-alive JDK HTTP
 * client, its answer read but not parsed.
 */
final class Baselines {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String EVENTS = "/v1/events";

  private final BankHost link;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI events;
  private final String terminalId;
  private final RequestSigner signer;
  private final Clock clock;
  private final Samples echoes = new Samples();
  private final Samples gets = new Samples();

  Baselines(BenchTerminal terminal, Properties properties, Clock clock) {
    this.link = terminal.bankHostLink();
    this.events = URI.create(properties.getProperty("center.url")).resolve(EVENTS);
    this.terminalId = properties.getProperty("terminal.id");
    this.signer = new RequestSigner(properties.getProperty("center.terminalSecret"));
    this.clock = clock;
  }

  /** One echo and one GET, each timed. */
  void sample() throws Exception {
    long begin = System.nanoTime();
    if (!link.echo()) {
      throw new IllegalStateException("the bank host did not answer the echo with 00");
    }
    echoes.add(System.nanoTime() - begin);
    begin = System.nanoTime();
    long now = clock.instant().getEpochSecond();
    String nonce = RequestSigner.newNonce();
    HttpRequest request =
        HttpRequest.newBuilder(events)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("X-Terminal-Id", terminalId)
            .header("X-Kippu-Timestamp", Long.toString(now))
            .header("X-Kippu-Nonce", nonce)
            .header("X-Kippu-Signature", signer.sign("GET", EVENTS, new byte[0], now, nonce))
            .GET()
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + EVENTS + " answered " + response.statusCode());
    }
    gets.add(System.nanoTime() - begin);
  }

  Samples echoes() {
    return echoes;
  }

  Samples gets() {
    return gets;
  }
}
