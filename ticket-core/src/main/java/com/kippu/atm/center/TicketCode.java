package com.kippu.atm.center;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The text of a printed ticket's QR code, the one format the terminal prints and the gate reads:
 * the issuer's signed ticket exactly as issued, so a gate verifies paper offline as it verifies a
 * card. Layout, dot-separated: {@code KIPPU-T1}, the signature algorithm, the signature
 * (base64url), the signed payload deflated (base64url; a small code prints large modules), the
 * issuer's key id (last, so it may hold any character). The payload is kept byte for byte, so the
 * signature holds over what the gate decodes.
 */
public final class TicketCode {
  public static final String PREFIX = "KIPPU-T1.";

  /** A payload larger than this when inflated is refused: a code is never a zip bomb. */
  private static final int MAX_PAYLOAD = 64 * 1024;

  private TicketCode() {}

  public static String encode(SignedDocument ticket) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return PREFIX
        + String.join(
            ".",
            ticket.algorithm(),
            b64.encodeToString(ticket.signature()),
            b64.encodeToString(deflate(ticket.payload())),
            ticket.keyId());
  }

  /**
   * The signed ticket a code carries; its signature is still to be checked.
   *
   * @throws CenterException {@code BAD_DOCUMENT} naming what is wrong with the code's text
   */
  public static SignedDocument decode(String text) throws CenterException {
    String t = text.strip();
    if (!t.startsWith(PREFIX)) {
      throw new CenterException("BAD_DOCUMENT", "not a Kippu ticket code (no " + PREFIX + ")");
    }
    String[] parts = t.substring(PREFIX.length()).split("\\.", 4);
    if (parts.length != 4 || parts[0].isEmpty() || parts[3].isEmpty()) {
      throw new CenterException("BAD_DOCUMENT", "ticket code is incomplete");
    }
    Base64.Decoder b64 = Base64.getUrlDecoder();
    try {
      return new SignedDocument(
          inflate(b64.decode(parts[2])), b64.decode(parts[1]), parts[3], parts[0]);
    } catch (IllegalArgumentException e) {
      throw new CenterException("BAD_DOCUMENT", "ticket code is damaged: " + e.getMessage(), e);
    }
  }

  /** {@link #decode(String)} of the bytes a scanner read (ASCII). */
  public static SignedDocument decode(byte[] scanned) throws CenterException {
    return decode(new String(scanned, StandardCharsets.US_ASCII));
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
