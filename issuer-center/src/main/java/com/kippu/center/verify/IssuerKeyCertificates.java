package com.kippu.center.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.signing.PublishedKey;
import com.kippu.center.signing.SignedDocument;
import java.util.Base64;
import java.util.Optional;

/**
 * Issuer key certificates: the center's root key vouches for each issuer's signing key, so a
 * terminal or a gate installed with the root key trusts an issuer key only through the center,
 * never because a server handed it over. Payload: {@code type}, {@code issuerId}, {@code keyId},
 * {@code algorithm}, {@code publicKey} (base64 X.509), {@code certifiedBy} (the root key's id).
 * Ed25519 is deterministic and the payload holds no time, so a certificate is the same bytes on
 * every request.
 */
public final class IssuerKeyCertificates {
  public static final String TYPE = "kippu/issuer-key-certificate/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CatalogRepository catalog;
  private final CenterKeys root;

  public IssuerKeyCertificates(CatalogRepository catalog, CenterKeys root) {
    this.catalog = catalog;
    this.root = root;
  }

  /** The certificate of the issuer's current key, or empty for an unknown issuer. */
  public Optional<SignedDocument> certificate(IssuerId issuerId) {
    Optional<PublishedKey> key = catalog.publishedKey(issuerId);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    var signer = root.signingKey();
    ObjectNode p = JSON.createObjectNode();
    p.put("type", TYPE);
    p.put("issuerId", issuerId.value());
    p.put("keyId", key.get().keyId());
    p.put("algorithm", key.get().algorithm());
    p.put("publicKey", Base64.getEncoder().encodeToString(key.get().x509()));
    p.put("certifiedBy", signer.keyId());
    try {
      return Optional.of(signer.sign(JSON.writeValueAsBytes(p)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode issuer key certificate", e);
    }
  }
}
