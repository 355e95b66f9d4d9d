package com.kippu.iso8583;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;

/**
 * The framing of both links: a jPOS NACChannel (2-byte big-endian length, no header) that also
 * refuses a frame with bytes left over after its last field, which jPOS would silently accept. A
 * refused frame is an {@link ISOException}; the length prefix keeps the stream in step, so the next
 * frame is read normally.
 */
public class LinkChannel extends NACChannel {
  /** A frame longer than any message of these links is refused before it is read into memory. */
  public static final int MAX_FRAME = 4096;

  public LinkChannel(ISOPackager packager) {
    setPackager(packager);
    setMaxPacketLength(MAX_FRAME);
  }

  /** A channel for {@code link}, with its own packager. */
  public static LinkChannel of(Link link) {
    return new LinkChannel(link.packager());
  }

  @Override
  protected void unpack(ISOMsg m, byte[] b) throws ISOException {
    LinkCodec.unpackInto(m, b);
  }
}
