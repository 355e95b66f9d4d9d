package com.kippu.center.outbox.internal;

import com.kippu.center.outbox.Delivery;
import com.kippu.center.outbox.OutboxMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs a message's JSON to the issuer's endpoint with {@code Idempotency-Key} (the message key)
 * and {@code X-Kippu-Message-Type}; any 2xx means the receiver has it.
 */
public final class HttpDelivery implements Delivery {
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  public static final String TYPE_HEADER = "X-Kippu-Message-Type";

  private final HttpClient http;
  private final Duration timeout;

  public HttpDelivery(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public Result deliver(URI endpoint, OutboxMessage m) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_HEADER, m.key())
            .header(TYPE_HEADER, m.type().name())
            .POST(HttpRequest.BodyPublishers.ofByteArray(m.payload()))
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return new Result(status / 100 == 2, "HTTP " + status);
    } catch (IOException e) {
      return new Result(false, "unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    }
  }
}
