package com.kippu.atm.center;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The text a printed ticket's QR code carries: {@code KIPPU-T1:} and the signed ticket envelope
 * ({@code payload}, {@code signature}, {@code keyId}, {@code algorithm}) as base64url JSON, so a
 * gate verifies the paper ticket offline exactly as it verifies one on a card.
 */
public final class TicketCode {
  public static final String PREFIX = "KIPPU-T1:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TicketCode() {}

  public static String encode(SignedDocument ticket) {
    Base64.Encoder b64 = Base64.getEncoder();
    try {
      byte[] json =
          JSON.writeValueAsBytes(
              JSON.createObjectNode()
                  .put("payload", b64.encodeToString(ticket.payload()))
                  .put("signature", b64.encodeToString(ticket.signature()))
                  .put("keyId", ticket.keyId())
                  .put("algorithm", ticket.algorithm()));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode ticket code", e);
    }
  }

  /**
   * @throws CenterException {@code BAD_DOCUMENT} naming what is wrong with the code's text
   */
  public static SignedDocument decode(String text) throws CenterException {
    String t = text.strip();
    if (!t.startsWith(PREFIX)) {
      throw new CenterException("BAD_DOCUMENT", "not a Kippu ticket code (no " + PREFIX + ")");
    }
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(t.substring(PREFIX.length())));
      Base64.Decoder b64 = Base64.getDecoder();
      return new SignedDocument(
          b64.decode(node.get("payload").asText()),
          b64.decode(node.get("signature").asText()),
          node.get("keyId").asText(),
          node.get("algorithm").asText());
    } catch (IOException | RuntimeException e) {
      throw new CenterException("BAD_DOCUMENT", "ticket code is damaged or incomplete", e);
    }
  }

  /** {@link #decode(String)} of the bytes a scanner read (ASCII). */
  public static SignedDocument decode(byte[] scanned) throws CenterException {
    return decode(new String(scanned, StandardCharsets.US_ASCII));
  }
}
