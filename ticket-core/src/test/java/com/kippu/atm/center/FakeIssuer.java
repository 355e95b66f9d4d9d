package com.kippu.atm.center;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * A working center root and one issuer, in memory, for tests: makes issuer key certificates and
 * signs reservation info, ticket info and revocation lists the way the issuer center does.
 */
public final class FakeIssuer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyPair root;
  private final KeyPair issuer;
  private final String issuerId;

  public FakeIssuer(String issuerId) {
    this(generate(), generate(), issuerId);
  }

  private FakeIssuer(KeyPair root, KeyPair issuer, String issuerId) {
    this.root = root;
    this.issuer = issuer;
    this.issuerId = issuerId;
  }

  /** Another issuer certified by the same root. */
  public FakeIssuer sibling(String otherIssuerId) {
    return new FakeIssuer(root, generate(), otherIssuerId);
  }

  /** The same issuer id with a key of its own, certified by a root of its own: a forger. */
  public FakeIssuer forger() {
    return new FakeIssuer(generate(), generate(), issuerId);
  }

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public PublicKey rootKey() {
    return root.getPublic();
  }

  public String rootKeyBase64() {
    return Base64.getEncoder().encodeToString(root.getPublic().getEncoded());
  }

  public String issuerId() {
    return issuerId;
  }

  public String keyId() {
    return issuerId + "#1";
  }

  public PublicKey issuerKey() {
    return issuer.getPublic();
  }

  /** The issuer key certificate the center's root signs. */
  public SignedDocument certificate() {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", IssuerKeyTrust.CERTIFICATE_TYPE);
    p.put("issuerId", issuerId);
    p.put("keyId", keyId());
    p.put("algorithm", "Ed25519");
    p.put("publicKey", Base64.getEncoder().encodeToString(issuer.getPublic().getEncoded()));
    p.put("certifiedBy", "center#1");
    return sign(root.getPrivate(), p, "center#1");
  }

  /** Signs {@code payload} with the issuer's key, as issued documents are. */
  public SignedDocument signByIssuer(ObjectNode payload) {
    return sign(issuer.getPrivate(), payload, keyId());
  }

  /** Signs {@code payload} with the root key, as the revocation list is. */
  public SignedDocument signByRoot(ObjectNode payload) {
    return sign(root.getPrivate(), payload, "center#1");
  }

  /** Ticket info as the center issues it, for one seat of {@code eventId} on {@code cardId}. */
  public ObjectNode ticketInfo(
      String ticketNumber, String cardId, String eventId, String venue, String startsAt) {
    ObjectNode t =
        JSON.createObjectNode()
            .put("ticketNumber", ticketNumber)
            .put("issueNumber", 1)
            .put("issuerId", issuerId)
            .put("issuerName", "Promoter " + issuerId)
            .put("issuedAt", "2026-12-01T01:02:04Z")
            .put("cardId", cardId);
    ObjectNode content =
        t.putObject("content")
            .put("eventId", eventId)
            .put("title", "Winter Concert")
            .put("venue", venue)
            .put("startsAt", startsAt);
    content
        .putArray("seats")
        .addObject()
        .put("seatId", "A-1-7")
        .put("section", "A")
        .put("row", "1")
        .put("number", 7)
        .put("priceYen", 8800);
    t.putObject("payment")
        .put("method", "ACCOUNT_TRANSFER")
        .put("amountYen", 8800)
        .put("reference", "000000123456")
        .put("approvalCode", "A1B2C3")
        .put("stan", "000123")
        .put("paidAt", Instant.parse("2026-12-01T01:02:03Z").toString());
    t.putObject("reservation").put("reservationNumber", "R" + ticketNumber);
    return t;
  }

  private static SignedDocument sign(PrivateKey key, ObjectNode payload, String keyId) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(payload);
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(bytes);
      return new SignedDocument(bytes, s.sign(), keyId, "Ed25519");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
