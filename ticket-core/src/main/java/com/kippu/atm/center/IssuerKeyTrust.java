package com.kippu.atm.center;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issuer keys trusted only through the center's root key this terminal or gate was installed with:
 * an issuer key is accepted when it comes in an issuer key certificate the root key signed, never
 * because a server sent it (no trust on first use). A document verifies only under the certified
 * key of the issuer it names, with the key id the certificate gives.
 */
public final class IssuerKeyTrust {
  /** The certificate payload's {@code type}. */
  public static final String CERTIFICATE_TYPE = "kippu/issuer-key-certificate/v1";

  /** The code of a {@link CenterException} for a certificate the root key does not vouch for. */
  public static final String UNTRUSTED_KEY = "UNTRUSTED_KEY";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PublicKey root;
  private final Map<IssuerId, CertifiedKey> certified = new ConcurrentHashMap<>();

  public IssuerKeyTrust(PublicKey root) {
    this.root = root;
  }

  /** An issuer key the root key vouched for, and the certificate that says so. */
  public record CertifiedKey(
      IssuerId issuerId,
      String keyId,
      PublicKey key,
      SignedDocument certificate,
      Signatures.Verifier verifier) {}

  /**
   * The center's root key as installed: base64 of its X.509 SubjectPublicKeyInfo (what {@code GET
   * /v1/center/key} shows, copied by the installer, never fetched by the terminal itself).
   *
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static PublicKey rootKey(String base64) {
    try {
      return Signatures.ed25519PublicKey(Base64.getDecoder().decode(base64.trim()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a base64 Ed25519 public key (X.509 SubjectPublicKeyInfo)", e);
    }
  }

  /** {@link #rootKey(String)} from a file holding that text. */
  public static PublicKey rootKey(Path file) throws IOException {
    return rootKey(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /**
   * Checks {@code certificate} under the root key and, when it holds, trusts the key it certifies
   * for its issuer from now on.
   *
   * @throws CenterException {@link #UNTRUSTED_KEY} when the root key did not sign it, or {@code
   *     BAD_DOCUMENT} when it is not an issuer key certificate
   */
  public CertifiedKey accept(SignedDocument certificate) throws CenterException {
    if (!Signatures.verify(certificate, root)) {
      throw new CenterException(
          UNTRUSTED_KEY, "issuer key certificate is not signed by the installed center root key");
    }
    JsonNode p;
    try {
      p = JSON.readTree(certificate.payload());
    } catch (IOException e) {
      throw new CenterException("BAD_DOCUMENT", "issuer key certificate is not JSON", e);
    }
    if (!CERTIFICATE_TYPE.equals(p.path("type").asText())
        || !Signatures.ED25519.equals(p.path("algorithm").asText())) {
      throw new CenterException("BAD_DOCUMENT", "not an Ed25519 issuer key certificate");
    }
    CertifiedKey key;
    try {
      PublicKey publicKey =
          Signatures.ed25519PublicKey(Base64.getDecoder().decode(p.path("publicKey").asText()));
      key =
          new CertifiedKey(
              new IssuerId(p.path("issuerId").asText()),
              p.path("keyId").asText(),
              publicKey,
              certificate,
              Signatures.verifier(publicKey)
                  .orElseThrow(() -> new IllegalArgumentException("not a valid Ed25519 point")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CenterException("BAD_DOCUMENT", "issuer key certificate holds no usable key", e);
    }
    if (key.keyId().isBlank()) {
      throw new CenterException("BAD_DOCUMENT", "issuer key certificate names no key id");
    }
    certified.put(key.issuerId(), key);
    return key;
  }

  /** The certified key of {@code issuer}, when a certificate for it was accepted. */
  public Optional<CertifiedKey> key(IssuerId issuer) {
    return Optional.ofNullable(certified.get(issuer));
  }

  /**
   * True when {@code document} is signed by the certified key of {@code issuer} under the key id
   * the certificate names; false for an issuer without an accepted certificate.
   */
  public boolean verify(SignedDocument document, IssuerId issuer) {
    CertifiedKey key = certified.get(issuer);
    return key != null && key.keyId().equals(document.keyId()) && key.verifier().verify(document);
  }

  /** True when {@code document} is signed by the root key itself (e.g. the revocation list). */
  public boolean verifyByRoot(SignedDocument document) {
    return Signatures.verify(document, root);
  }
}
