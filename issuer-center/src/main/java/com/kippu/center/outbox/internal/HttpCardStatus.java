package com.kippu.center.outbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.center.card.IssuerCardStatus;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.issuer.IssuerAccount;
import com.kippu.center.issuer.IssuerAccountRepository;
import com.kippu.center.reservation.CardId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Asks an issuer's local server about a card: {@code GET <sales endpoint>/../cards/<cardId>} (the
 * {@code cards/} resource beside the endpoint the outbox delivers to) answering {@code {"status":
 * "VALID" | "NOT_ACTIVATED" | "ACTIVE" | "INVALIDATED"}}; a 404 is a card the issuer never
 * invalidated. {@code POST .../cards/<cardId>/activate} asks it to activate a pre-valued card it
 * issued (200 ACTIVE, 409 with what it says of the card instead, 404 for a card it never issued).
 * An issuer without a sales endpoint has no server; one that does not answer within the timeout
 * gives no answer. Endpoints are looked up at most every {@link #ENDPOINT_TTL} per issuer, so a
 * sale costs no extra read for the many issuers that have none.
 */
public final class HttpCardStatus implements IssuerCardStatus {
  static final Duration ENDPOINT_TTL = Duration.ofSeconds(30);
  private static final System.Logger LOG = System.getLogger(HttpCardStatus.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Known(Optional<URI> endpoint, Instant until) {}

  private final IssuerAccountRepository accounts;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;
  private final ConcurrentMap<IssuerId, Known> endpoints = new ConcurrentHashMap<>();

  public HttpCardStatus(IssuerAccountRepository accounts, Duration timeout, Clock clock) {
    this.accounts = accounts;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public Status status(IssuerId issuer, CardId card) {
    return ask(issuer, card, false);
  }

  @Override
  public Status activate(IssuerId issuer, CardId card) {
    return ask(issuer, card, true);
  }

  private Status ask(IssuerId issuer, CardId card, boolean activate) {
    Optional<URI> endpoint = endpoint(issuer);
    if (endpoint.isEmpty()) {
      return Status.NO_SERVER;
    }
    URI uri = endpoint.get().resolve("cards/" + card.value() + (activate ? "/activate" : ""));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    if (activate) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return activate ? Status.UNKNOWN : Status.VALID;
      }
      if (response.statusCode() != 200 && response.statusCode() != 409) {
        return noAnswer(issuer, "HTTP " + response.statusCode());
      }
      JsonNode body = JSON.readTree(response.body());
      return switch (body.path("status").asText("")) {
        case "INVALIDATED" -> Status.INVALIDATED;
        case "VALID" -> Status.VALID;
        case "NOT_ACTIVATED" -> Status.NOT_ACTIVATED;
        case "ACTIVE" -> Status.ACTIVE;
        default -> noAnswer(issuer, "an answer without a status");
      };
    } catch (IOException e) {
      return noAnswer(issuer, "unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return noAnswer(issuer, "interrupted");
    }
  }

  private Optional<URI> endpoint(IssuerId issuer) {
    Instant now = clock.instant();
    Known known = endpoints.get(issuer);
    if (known == null || !now.isBefore(known.until())) {
      known =
          new Known(
              accounts.find(issuer).flatMap(IssuerAccount::salesEndpoint), now.plus(ENDPOINT_TTL));
      endpoints.put(issuer, known);
    }
    return known.endpoint();
  }

  private static Status noAnswer(IssuerId issuer, String why) {
    LOG.log(System.Logger.Level.WARNING, "issuer " + issuer + " card status: " + why);
    return Status.NO_ANSWER;
  }
}
