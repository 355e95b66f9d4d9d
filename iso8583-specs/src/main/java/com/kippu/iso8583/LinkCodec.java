package com.kippu.iso8583;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * Strict unpacking of one frame: every byte must belong to a field. Any malformed input ends in an
 * {@link ISOException} with a message that names the problem (never a field's value), never in
 * another exception.
 */
public final class LinkCodec {
  private LinkCodec() {}

  /** The message in {@code frame}, unpacked with {@code packager}. */
  public static ISOMsg unpack(ISOPackager packager, byte[] frame) throws ISOException {
    ISOMsg m = new ISOMsg();
    m.setPackager(packager);
    unpackInto(m, frame);
    return m;
  }

  static void unpackInto(ISOMsg m, byte[] frame) throws ISOException {
    if (frame == null || frame.length < 4) {
      throw new ISOException("frame shorter than an MTI");
    }
    int consumed;
    try {
      consumed = m.unpack(frame);
    } catch (ISOException e) {
      throw new ISOException("unreadable frame: " + redact(e.getMessage()));
    } catch (RuntimeException e) {
      throw new ISOException("unreadable frame: " + e.getClass().getSimpleName());
    }
    if (consumed != frame.length) {
      throw new ISOException(
          "frame has " + (frame.length - consumed) + " bytes after its last field");
    }
  }

  /** jPOS messages may quote field content; runs of 5+ digits are cut so no number leaks. */
  static String redact(String message) {
    if (message == null) {
      return "no detail";
    }
    return message.replaceAll("\\d{5,}", "#####").replaceAll("[^\\x20-\\x7E]", "?");
  }
}
