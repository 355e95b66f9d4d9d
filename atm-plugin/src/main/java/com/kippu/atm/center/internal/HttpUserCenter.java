package com.kippu.atm.center.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CardChallenge;
import com.kippu.atm.center.CardProof;
import com.kippu.atm.center.CardReissue;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.CommuterPass;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.RegisteredUser;
import com.kippu.atm.center.RevocationList;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.center.UserRecall;
import com.kippu.atm.payment.WorkingKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The center's registered-user routes over HTTP/JSON, signed like every terminal request. A PIN
 * travels only as the PIN pad's block ({@code pinBlock}); reissued tickets are verified under their
 * issuer's root-certified key before they are returned, and must name the new card.
 */
public final class HttpUserCenter implements UserCenter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String terminalId;
  private final Duration timeout;
  private final HttpClient http;
  private final Optional<RequestSigner> signer;
  private final IssuerKeyTrust trust;
  private final Clock clock;

  public HttpUserCenter(
      URI base,
      String terminalId,
      Duration timeout,
      Optional<RequestSigner> signer,
      IssuerKeyTrust trust,
      Clock clock,
      Optional<SSLContext> tls) {
    this.base = base;
    this.terminalId = terminalId;
    this.timeout = timeout;
    this.signer = signer;
    this.trust = trust;
    this.clock = clock;
    this.http = CenterHttp.client(timeout, tls);
  }

  @Override
  public WorkingKey pinKey() throws CenterException {
    JsonNode answer = post("/v1/terminals/pin-key", JSON.createObjectNode());
    try {
      return new WorkingKey(
          HexFormat.of().parseHex(DocumentParser.text(answer, "keyUnderMaster")),
          DocumentParser.text(answer, "checkValue"));
    } catch (IllegalArgumentException e) {
      throw new CenterException("BAD_RESPONSE", "the PIN key is not hex", e);
    }
  }

  @Override
  public CardChallenge challenge(CardId card) throws CenterException {
    JsonNode a = post("/v1/cards/" + card.value() + "/challenge", JSON.createObjectNode());
    try {
      CardChallenge c =
          new CardChallenge(
              DocumentParser.text(a, "challengeId"),
              new CardId(DocumentParser.text(a, "cardId")),
              Base64.getDecoder().decode(DocumentParser.text(a, "challenge")),
              Instant.parse(DocumentParser.text(a, "expiresAt")));
      if (!c.cardId().equals(card)) {
        throw new CenterException("BAD_ECHO", "challenge issued for card " + c.cardId());
      }
      return c;
    } catch (RuntimeException e) {
      throw new CenterException("BAD_RESPONSE", "the challenge is malformed: " + e, e);
    }
  }

  @Override
  public RegisteredUser register(RegisteredUser user, UserPin pin) throws CenterException {
    ObjectNode body =
        JSON.createObjectNode()
            .put("userId", user.userId().value())
            .put("name", user.name())
            .put("phone", user.phone())
            .put("address", user.address());
    putPin(body, pin);
    JsonNode a = post("/v1/users", body);
    if (!user.userId().value().equals(a.path("userId").asText())) {
      throw new CenterException("BAD_ECHO", "registration answered for another user id");
    }
    return user;
  }

  @Override
  public UserRecall recall(UserId user, UserPin pin) throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    putPin(body, pin);
    JsonNode a = post("/v1/users/" + user.value() + "/purchases", body);
    try {
      JsonNode p = DocumentParser.required(a, "profile");
      RegisteredUser profile =
          new RegisteredUser(
              user,
              DocumentParser.text(p, "name"),
              DocumentParser.text(p, "phone"),
              DocumentParser.text(p, "address"));
      List<UserRecall.UserCard> cards = new ArrayList<>();
      for (JsonNode c : a.path("cards")) {
        cards.add(
            new UserRecall.UserCard(
                new CardId(DocumentParser.text(c, "cardId")),
                optional(c, "lostAt").map(Instant::parse),
                optional(c, "reissuedOnto").map(CardId::new)));
      }
      List<UserRecall.Purchase> purchases = new ArrayList<>();
      for (JsonNode t : DocumentParser.required(a, "purchases")) {
        purchases.add(
            new UserRecall.Purchase(
                DocumentParser.text(t, "ticketNumber"),
                new CardId(DocumentParser.text(t, "cardId")),
                new IssuerId(DocumentParser.text(t, "issuerId")),
                DocumentParser.text(t, "title"),
                DocumentParser.required(t, "amountYen").asLong(),
                Instant.parse(DocumentParser.text(t, "issuedAt")),
                DocumentParser.text(t, "state"),
                DocumentParser.envelope(DocumentParser.required(t, "signedTicket"))));
      }
      List<UserRecall.Pass> passes = new ArrayList<>();
      for (JsonNode t : a.path("passes")) {
        SignedDocument signed = DocumentParser.envelope(DocumentParser.required(t, "signedPass"));
        CommuterPass pass = DocumentParser.pass(signed);
        verify(pass.issuerId(), signed, "recalled pass " + pass.passNumber());
        passes.add(new UserRecall.Pass(pass, DocumentParser.text(t, "state")));
      }
      Optional<byte[]> photo =
          optional(a, "facePhoto").map(b64 -> java.util.Base64.getDecoder().decode(b64));
      return new UserRecall(
          profile,
          cards,
          purchases,
          passes,
          a.path("identityChecked").asBoolean(false),
          photo,
          optional(a.path("signInGrant"), "grantId"));
    } catch (RuntimeException e) {
      throw new CenterException("BAD_RESPONSE", "the recall is malformed: " + e, e);
    }
  }

  @Override
  public String setUpHome(
      UserId user, UserPin pin, char[] password, String cardNumber, String expiry)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode().put("password", new String(password));
    putPin(body, pin);
    body.putObject("card").put("number", cardNumber).put("expiry", expiry);
    JsonNode a = post("/v1/users/" + user.value() + "/home-access", body);
    String masked = a.path("maskedCard").asText("");
    if (!user.value().equals(a.path("userId").asText()) || masked.isEmpty()) {
      throw new CenterException("BAD_ECHO", "the home set-up answered for another user");
    }
    return masked;
  }

  @Override
  public void link(UserId user, UserPin pin, CardId card, CardProof proof) throws CenterException {
    ObjectNode body = JSON.createObjectNode().put("cardId", card.value());
    putPin(body, pin);
    putProof(body, proof);
    JsonNode a = post("/v1/users/" + user.value() + "/cards", body);
    if (!card.value().equals(a.path("cardId").asText())) {
      throw new CenterException("BAD_ECHO", "the link answered for another card");
    }
  }

  @Override
  public void linkSignedIn(UserId user, String signInGrant, CardId card, CardProof proof)
      throws CenterException {
    ObjectNode body =
        JSON.createObjectNode().put("cardId", card.value()).put("signInGrant", signInGrant);
    putProof(body, proof);
    JsonNode a = post("/v1/users/" + user.value() + "/cards", body);
    if (!card.value().equals(a.path("cardId").asText())) {
      throw new CenterException("BAD_ECHO", "the link answered for another card");
    }
  }

  @Override
  public Instant reportLost(UserId user, UserPin pin, CardId card, String reason)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode().put("reason", reason);
    putPin(body, pin);
    JsonNode a = post("/v1/users/" + user.value() + "/cards/" + card.value() + "/lost", body);
    try {
      if (!card.value().equals(DocumentParser.text(a, "cardId"))) {
        throw new CenterException("BAD_ECHO", "the loss was recorded for another card");
      }
      return Instant.parse(DocumentParser.text(a, "lostAt"));
    } catch (RuntimeException e) {
      throw new CenterException("BAD_RESPONSE", "the loss answer is malformed: " + e, e);
    }
  }

  @Override
  public CardReissue reissue(
      UserId user, Optional<UserPin> pin, CardId lost, CardId newCard, CardProof proof)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode().put("newCardId", newCard.value());
    if (pin.isPresent()) {
      putPin(body, pin.get());
    }
    putProof(body, proof);
    JsonNode a = post("/v1/users/" + user.value() + "/cards/" + lost.value() + "/reissue", body);
    List<CardReissue.Reissued> tickets = new ArrayList<>();
    for (JsonNode t : DocumentParser.required(a, "tickets")) {
      SignedDocument signed = DocumentParser.envelope(DocumentParser.required(t, "signedTicket"));
      Ticket ticket = DocumentParser.ticket(signed);
      verify(ticket.issuerId(), signed, "reissued ticket " + ticket.ticketNumber());
      if (!ticket.cardId().equals(newCard)) {
        throw new CenterException(
            "BAD_ECHO", "reissued ticket " + ticket.ticketNumber() + " is not for " + newCard);
      }
      tickets.add(new CardReissue.Reissued(ticket, DocumentParser.text(t, "replaces")));
    }
    if (!newCard.value().equals(a.path("cardId").asText())) {
      throw new CenterException("BAD_ECHO", "the reissue answered for another card");
    }
    return new CardReissue(
        lost,
        newCard,
        tickets,
        a.path("valueYen").asLong(0),
        optional(a, "valueIssuerId").map(IssuerId::new),
        reissuedPasses(a.path("passes"), newCard));
  }

  /** Each reissued pass verified under its railway's key and bound to the new card. */
  private List<CardReissue.ReissuedPass> reissuedPasses(JsonNode passes, CardId newCard)
      throws CenterException {
    List<CardReissue.ReissuedPass> list = new ArrayList<>();
    for (JsonNode p : passes) {
      SignedDocument signed = DocumentParser.envelope(DocumentParser.required(p, "signedPass"));
      CommuterPass pass = DocumentParser.pass(signed);
      verify(pass.issuerId(), signed, "reissued pass " + pass.passNumber());
      if (!pass.cardId().equals(newCard)) {
        throw new CenterException(
            "BAD_ECHO", "reissued pass " + pass.passNumber() + " is not for " + newCard);
      }
      list.add(new CardReissue.ReissuedPass(pass, DocumentParser.text(p, "replaces")));
    }
    return list;
  }

  @Override
  public RevocationList revocations() throws CenterException {
    JsonNode body = send(request("/v1/revocations", "GET", new byte[0]).GET().build());
    return RevocationList.verify(
        DocumentParser.envelope(DocumentParser.required(body, "signedList")), trust);
  }

  static void putPin(ObjectNode body, UserPin pin) {
    body.putObject("pinBlock")
        .put("block", HexFormat.of().withUpperCase().formatHex(pin.block().encrypted()))
        .put("keyCheckValue", pin.keyCheckValue());
  }

  private static void putProof(ObjectNode body, CardProof proof) {
    body.putObject("cardProof")
        .put("challengeId", proof.challengeId())
        .put("response", Base64.getEncoder().encodeToString(proof.response()));
  }

  private static Optional<String> optional(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  /** Verifies under the issuer's key, its certificate fetched and checked first if need be. */
  private void verify(IssuerId issuer, SignedDocument signed, String what) throws CenterException {
    if (trust.key(issuer).isEmpty()) {
      JsonNode body =
          send(
              request("/v1/issuers/" + issuer.value() + "/key-certificate", "GET", new byte[0])
                  .GET()
                  .build());
      IssuerKeyTrust.CertifiedKey key =
          trust.accept(DocumentParser.envelope(DocumentParser.required(body, "certificate")));
      if (!key.issuerId().equals(issuer)) {
        throw new CenterException(
            IssuerKeyTrust.UNTRUSTED_KEY,
            "the center answered for issuer " + issuer + " with the key of " + key.issuerId());
      }
    }
    if (!trust.verify(signed, issuer)) {
      throw new CenterException(
          "BAD_SIGNATURE", what + " does not carry a valid signature of " + issuer);
    }
  }

  private JsonNode post(String path, JsonNode body) throws CenterException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new CenterException("BAD_REQUEST", "cannot encode request to " + path, e);
    }
    return send(
        request(path, "POST", bytes)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  private HttpRequest.Builder request(String path, String method, byte[] body) {
    URI uri = base.resolve(path);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("X-Terminal-Id", terminalId);
    if (signer.isPresent()) {
      long now = clock.instant().getEpochSecond();
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      String nonce = RequestSigner.newNonce();
      builder
          .header("X-Kippu-Timestamp", Long.toString(now))
          .header("X-Kippu-Nonce", nonce)
          .header("X-Kippu-Signature", signer.get().sign(method, target, body, now, nonce));
    }
    return builder;
  }

  private JsonNode send(HttpRequest request) throws CenterException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CenterException("UNREACHABLE", "issuer center " + base + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CenterException("UNREACHABLE", "interrupted waiting for the issuer center", e);
    }
    JsonNode body;
    try {
      body = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CenterException(
          "BAD_RESPONSE",
          "issuer center answered HTTP " + response.statusCode() + " with a body that is not JSON",
          e);
    }
    if (response.statusCode() / 100 == 2) {
      return body;
    }
    String code = body.path("error").asText("HTTP_" + response.statusCode());
    String message =
        body.path("message").asText(new String(response.body(), StandardCharsets.UTF_8));
    throw new CenterException(
        code, request.method() + " " + request.uri().getPath() + ": " + message);
  }
}
