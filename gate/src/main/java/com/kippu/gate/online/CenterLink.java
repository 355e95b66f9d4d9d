package com.kippu.gate.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.internal.DocumentParser;
import com.kippu.atm.center.internal.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The gate's link to the issuer center: admit a ticket once against the issuer's record ({@code
 * POST /v1/tickets/{n}/verify} with an entry id), and fetch the signed revocation list and the
 * issuer key certificates. Requests are signed like a terminal's. Nothing fetched here is trusted
 * before the installed root key verifies it.
 */
public final class CenterLink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String gateId;
  private final Optional<RequestSigner> signer;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  public CenterLink(
      URI base, String gateId, Optional<RequestSigner> signer, Duration timeout, Clock clock) {
    this.base = base;
    this.gateId = gateId;
    this.signer = signer;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The center's answer for one ticket (its {@code Verdict}), and who used it when. */
  public record Answer(String verdict, Optional<String> usedAtGate, Optional<String> reason) {
    public boolean valid() {
      return verdict.equals("VALID");
    }
  }

  /**
   * Admits the ticket at the center under {@code entryId}: VALID the first time (and for a retry of
   * the same entry), USED after any other entry, REVOKED or UNKNOWN.
   *
   * @throws CenterException {@code UNREACHABLE} when the center cannot be asked (the gate then
   *     decides offline)
   */
  public Answer admit(String ticketNumber, String cardId, String entryId) throws CenterException {
    byte[] body;
    try {
      body =
          JSON.writeValueAsBytes(
              JSON.createObjectNode().put("cardId", cardId).put("entryId", entryId));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a verify request", e);
    }
    JsonNode answer = send("POST", "/v1/tickets/" + ticketNumber + "/verify", body, true);
    String verdict = answer.path("verdict").asText("");
    if (verdict.isEmpty()) {
      throw new CenterException("BAD_RESPONSE", "the center's verify answer has no verdict");
    }
    return new Answer(verdict, text(answer, "gateId"), text(answer, "reason"));
  }

  /** The center's current revocation list, as signed (verified by the caller). */
  public SignedDocument revocationList() throws CenterException {
    JsonNode body = send("GET", "/v1/revocations", new byte[0], false);
    return DocumentParser.envelope(DocumentParser.required(body, "signedList"));
  }

  /** The certificate of {@code issuer}'s key, as signed (verified by the caller). */
  public SignedDocument certificate(IssuerId issuer) throws CenterException {
    JsonNode body =
        send("GET", "/v1/issuers/" + issuer.value() + "/key-certificate", new byte[0], false);
    return DocumentParser.envelope(DocumentParser.required(body, "certificate"));
  }

  /** The issuers of {@code events} that the center lists now. */
  public Set<IssuerId> issuersOf(Set<EventId> events) throws CenterException {
    Set<IssuerId> issuers = new LinkedHashSet<>();
    for (JsonNode e :
        DocumentParser.required(send("GET", "/v1/events", new byte[0], false), "events")) {
      if (events.contains(new EventId(DocumentParser.text(e, "eventId")))) {
        issuers.add(new IssuerId(DocumentParser.text(e, "issuerId")));
      }
    }
    return issuers;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  /**
   * @param verdictAnswer whether a 4xx carrying a {@code verdict} is an answer (verify) rather than
   *     a refusal
   */
  private JsonNode send(String method, String path, byte[] body, boolean verdictAnswer)
      throws CenterException {
    URI uri = base.resolve(path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("X-Terminal-Id", gateId);
    if (signer.isPresent()) {
      long now = clock.instant().getEpochSecond();
      String nonce = RequestSigner.newNonce();
      b.header("X-Kippu-Timestamp", Long.toString(now))
          .header("X-Kippu-Nonce", nonce)
          .header(
              "X-Kippu-Signature", signer.get().sign(method, uri.getRawPath(), body, now, nonce));
    }
    if (method.equals("POST")) {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.GET();
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CenterException("UNREACHABLE", "issuer center " + base + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CenterException("UNREACHABLE", "interrupted waiting for the issuer center", e);
    }
    JsonNode answer;
    try {
      answer =
          response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CenterException(
          "UNREACHABLE", "issuer center answered HTTP " + response.statusCode() + " without JSON");
    }
    int status = response.statusCode();
    if (status / 100 == 2 || (verdictAnswer && status / 100 == 4 && answer.has("verdict"))) {
      return answer;
    }
    if (status / 100 == 5) {
      throw new CenterException("UNREACHABLE", method + " " + path + ": HTTP " + status);
    }
    throw new CenterException(
        answer.path("error").asText("HTTP_" + status),
        method + " " + path + ": " + answer.path("message").asText("HTTP " + status));
  }
}
