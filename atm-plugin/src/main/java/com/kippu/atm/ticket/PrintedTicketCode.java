package com.kippu.atm.ticket;

import com.kippu.atm.center.SignedDocument;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The text of a printed ticket's QR code: the issuer's signed ticket exactly as issued, so a gate
 * verifies a printed ticket offline as it does one on a card. Layout, dot-separated: {@code
 * KIPPU-T1}, the signature algorithm, the signature (base64url), the signed payload deflated
 * (base64url), the issuer's key id (last, so it may hold any character). The payload is kept byte
 * for byte, so the signature holds over what the gate decodes.
 */
public final class PrintedTicketCode {
  static final String PREFIX = "KIPPU-T1";

  /** A payload larger than this when inflated is refused: a code is never a zip bomb. */
  private static final int MAX_PAYLOAD = 64 * 1024;

  private PrintedTicketCode() {}

  public static String encode(SignedDocument ticket) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return String.join(
        ".",
        PREFIX,
        ticket.algorithm(),
        b64.encodeToString(ticket.signature()),
        b64.encodeToString(deflate(ticket.payload())),
        ticket.keyId());
  }

  /**
   * The signed ticket a code carries; its signature is still to be checked.
   *
   * @throws IllegalArgumentException the text is not a printed ticket's code, saying why
   */
  public static SignedDocument decode(String code) {
    String[] parts = code.split("\\.", 5);
    if (parts.length != 5 || !PREFIX.equals(parts[0])) {
      throw new IllegalArgumentException("not a Kippu printed ticket code");
    }
    Base64.Decoder b64 = Base64.getUrlDecoder();
    try {
      return new SignedDocument(
          inflate(b64.decode(parts[3])), b64.decode(parts[2]), parts[4], parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("printed ticket code is damaged: " + e.getMessage(), e);
    }
  }

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] data) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException("payload is truncated");
        }
        out.write(buffer, 0, n);
        if (out.size() > MAX_PAYLOAD) {
          throw new IllegalArgumentException("payload is larger than " + MAX_PAYLOAD + " bytes");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("payload does not inflate: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
