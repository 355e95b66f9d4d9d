package com.kippu.center.application;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.Issuer;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Issuers upload applications for CPU cards through the center (S2 ¶21: "the application program is
 * uploaded from the local server to the center server in advance"), under their own request
 * signature; terminals fetch them to install on a card already issued (S2 ¶45, ¶53). What a
 * terminal fetches comes with a descriptor the issuer's key signs (kind {@value #TYPE}: id,
 * version, AID, name, price, the account to pay, the code's SHA-256), so a terminal installs only
 * code the issuer published and pays only the issuer's account.
 */
public final class CardApplications {
  public static final String TYPE = "kippu/card-application/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CardApplicationRepository repository;
  private final CatalogRepository catalog;
  private final Clock clock;

  public CardApplications(
      CardApplicationRepository repository, CatalogRepository catalog, Clock clock) {
    this.repository = repository;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Stores a new version; false when that version exists already. */
  public boolean upload(
      IssuerId issuer,
      String appId,
      int version,
      String aidHex,
      String name,
      long priceYen,
      byte[] code) {
    return repository.add(
        new CardApplication(
            appId,
            version,
            issuer,
            aidHex,
            name,
            priceYen,
            code,
            sha256(code),
            clock.instant().truncatedTo(ChronoUnit.MILLIS)));
  }

  public List<CardApplication> latest() {
    return repository.latest();
  }

  /** The newest version of {@code appId} and its descriptor signed by its issuer. */
  public Optional<Signed> fetch(String appId) {
    return repository
        .latest(appId)
        .map(
            a -> {
              Issuer issuer = catalog.issuer(a.issuerId()).orElseThrow();
              SigningKey key = catalog.signingKey(a.issuerId()).orElseThrow();
              return new Signed(a, key.sign(descriptor(a, issuer)));
            });
  }

  /** An application and its signed descriptor. */
  public record Signed(CardApplication application, SignedDocument descriptor) {}

  private static byte[] descriptor(CardApplication a, Issuer issuer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", TYPE);
      g.writeStringField("appId", a.appId());
      g.writeNumberField("version", a.version());
      g.writeStringField("aid", a.aidHex());
      g.writeStringField("name", a.name());
      g.writeStringField("issuerId", issuer.issuerId().value());
      g.writeStringField("issuerName", issuer.name());
      g.writeStringField("issuerAccount", issuer.bankAccount());
      g.writeNumberField("priceYen", a.priceYen());
      g.writeStringField("codeSha256", a.codeSha256());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode application descriptor", e);
    }
    return out.toByteArray();
  }

  static String sha256(byte[] code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
