package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.center.terminal.RequestSignature;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The branch's center as the other parties of S2 reach it over HTTP, for scenarios that set the
 * stage: the operator enrolling an issuer ({@link Branch#OPERATOR_TOKEN}), an issuer's local server
 * publishing products, card ids and card applications under its own secret (S2 ¶21), and another
 * terminal of the branch (signed with the branch's terminal secret).
 */
final class CenterCalls {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Branch branch;
  private final HttpClient http;

  CenterCalls(Branch branch) {
    this.branch = branch;
    HttpClient.Builder client = HttpClient.newBuilder();
    // Over the home PC branch's mutual TLS, with the terminal's certificate.
    branch.plugin().config().centerTls().ifPresent(tls -> client.sslContext(tls.sslContext()));
    this.http = client.build();
  }

  /** A status and a JSON body. */
  record Answer(int status, JsonNode body) {
    String error() {
      return body.path("error").asText("");
    }
  }

  /** Enrols {@code issuerId} paying into {@code bankAccount}; returns its API secret. */
  String enrolIssuer(String issuerId, String name, String kind, String bankAccount)
      throws Exception {
    ObjectNode body =
        JSON.createObjectNode()
            .put("name", name)
            .put("kind", kind)
            .put("bankAccount", bankAccount)
            .put("feeBps", 300);
    String token = Branch.OPERATOR_TOKEN.substring(Branch.OPERATOR_TOKEN.indexOf(':') + 1);
    Answer a =
        send(
            request("/v1/admin/issuers/" + issuerId)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    expect(a, "enrol issuer " + issuerId);
    return a.body().path("apiSecret").asText();
  }

  /**
   * The operator at the center checks {@code userId}'s identity against a document shown in person
   * (S2 ¶35), with the operator's token.
   */
  Answer checkIdentity(String userId, String document) throws Exception {
    return checkIdentity(userId, document, java.util.Optional.empty());
  }

  /** The same, with the face photo the operator took at the counter (S2 ¶39). */
  Answer checkIdentity(String userId, String document, java.util.Optional<byte[]> photo)
      throws Exception {
    ObjectNode body = JSON.createObjectNode().put("document", document);
    photo.ifPresent(p -> body.put("facePhoto", java.util.Base64.getEncoder().encodeToString(p)));
    String token = Branch.OPERATOR_TOKEN.substring(Branch.OPERATOR_TOKEN.indexOf(':') + 1);
    Answer a =
        send(
            request("/v1/admin/users/" + userId + "/identity-check")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    expect(a, "identity check of " + userId);
    return a;
  }

  /** A request of issuer {@code issuerId}, signed with its secret. */
  Answer asIssuer(String issuerId, String secret, String method, String path, Object body)
      throws Exception {
    byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    String ts = Long.toString(branch.clock().instant().getEpochSecond());
    String nonce = RequestSignature.newNonce();
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .header("X-Issuer-Id", issuerId)
            .header("X-Kippu-Timestamp", ts)
            .header("X-Kippu-Nonce", nonce)
            .header(
                "X-Kippu-Signature",
                RequestSignature.sign(
                    secret.getBytes(StandardCharsets.UTF_8), method, path, bytes, ts, nonce))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  /** A POST of the branch's terminal, signed as the plugin signs it. */
  Answer asTerminal(String path, ObjectNode body) throws Exception {
    return post(
        http,
        branch.terminalId(),
        branch.plugin().config().centerTerminalSecret().orElseThrow(),
        path,
        body);
  }

  /**
   * A POST of {@code terminalId}, another terminal of the operator's ({@link
   * Branch#registerOtherTerminal}), signed under its own secret and, where the center speaks only
   * mutual TLS, with its own client certificate.
   */
  Answer asOtherTerminal(String terminalId, String path, ObjectNode body) throws Exception {
    String secret = branch.registerOtherTerminal(terminalId);
    HttpClient.Builder client = HttpClient.newBuilder();
    branch.tlsAs(terminalId).ifPresent(client::sslContext);
    return post(client.build(), terminalId, secret, path, body);
  }

  private Answer post(
      HttpClient client, String terminalId, String secret, String path, ObjectNode body)
      throws Exception {
    byte[] bytes = JSON.writeValueAsBytes(body);
    long now = branch.clock().instant().getEpochSecond();
    String nonce = RequestSigner.newNonce();
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .header("X-Terminal-Id", terminalId)
            .header("X-Kippu-Timestamp", Long.toString(now))
            .header("X-Kippu-Nonce", nonce)
            .header(
                "X-Kippu-Signature",
                new RequestSigner(secret).sign("POST", path, bytes, now, nonce))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode answer = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    return new Answer(r.statusCode(), answer);
  }

  /** A GET of the branch's terminal. */
  Answer getAsTerminal(String path) throws Exception {
    long now = branch.clock().instant().getEpochSecond();
    String nonce = RequestSigner.newNonce();
    String secret = branch.plugin().config().centerTerminalSecret().orElseThrow();
    return send(
        request(path)
            .header("X-Terminal-Id", branch.terminalId())
            .header("X-Kippu-Timestamp", Long.toString(now))
            .header("X-Kippu-Nonce", nonce)
            .header(
                "X-Kippu-Signature",
                new RequestSigner(secret).sign("GET", path, new byte[0], now, nonce))
            .GET());
  }

  static void expect(Answer a, String what) {
    if (a.status() / 100 != 2) {
      throw new IllegalStateException(what + ": center answered " + a.status() + " " + a.body());
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(branch.center().baseUri().resolve(path))
        .timeout(Duration.ofSeconds(10));
  }

  private Answer send(HttpRequest.Builder request) throws Exception {
    HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    return new Answer(r.statusCode(), body);
  }
}
