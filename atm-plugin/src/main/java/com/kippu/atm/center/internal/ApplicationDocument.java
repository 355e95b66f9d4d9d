package com.kippu.atm.center.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.card.CardApplication;
import com.kippu.atm.center.ApplicationPackage;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads an issuer-signed card application descriptor (type {@value #TYPE}, F11). */
final class ApplicationDocument {
  static final String TYPE = "kippu/card-application/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApplicationDocument() {}

  static ApplicationPackage parse(SignedDocument signed, byte[] code) throws CenterException {
    JsonNode d = tree(signed);
    try {
      return new ApplicationPackage(
          DocumentParser.text(d, "appId"),
          new IssuerId(DocumentParser.text(d, "issuerId")),
          DocumentParser.text(d, "issuerName"),
          new AccountNumber(DocumentParser.text(d, "issuerAccount")),
          Money.yen(DocumentParser.required(d, "priceYen").asLong()),
          new CardApplication(
              DocumentParser.text(d, "aid"),
              DocumentParser.required(d, "version").asInt(),
              DocumentParser.text(d, "name"),
              code),
          signed);
    } catch (RuntimeException e) {
      throw new CenterException("BAD_DOCUMENT", "application is malformed: " + e.getMessage(), e);
    }
  }

  /** The code must be the one whose hash the issuer signed. */
  static void checkCode(SignedDocument signed, byte[] code) throws CenterException {
    String expected = DocumentParser.text(tree(signed), "codeSha256");
    String actual;
    try {
      actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    if (!MessageDigest.isEqual(expected.getBytes(), actual.getBytes())) {
      throw new CenterException(
          "BAD_SIGNATURE", "the application's code is not the code its issuer signed");
    }
  }

  private static JsonNode tree(SignedDocument signed) throws CenterException {
    JsonNode d;
    try {
      d = JSON.readTree(signed.payload());
    } catch (IOException e) {
      throw new CenterException("BAD_DOCUMENT", "signed application is not JSON", e);
    }
    if (!TYPE.equals(d.path("type").asText())) {
      throw new CenterException("BAD_DOCUMENT", "not an application: " + d.path("type").asText());
    }
    return d;
  }
}
