package com.kippu.iso8583;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;

/**
 * The framing of both links: a jPOS NACChannel (2-byte big-endian length, no header) that also
 * refuses a frame with bytes left over after its last field, which jPOS would silently accept. A
 * refused frame is an {@link ISOException}; the length prefix keeps the stream in step, so the next
 * frame is read normally. Messages travel as {@link LinkMessage}s: a received one keeps its frame,
 * and one packed when it was MACed is sent as that image instead of being packed again.
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

  /** Received messages remember the frame they came in, so their MAC is checked over it. */
  @Override
  protected ISOMsg createMsg() {
    return new LinkMessage();
  }

  @Override
  protected void unpack(ISOMsg m, byte[] b) throws ISOException {
    LinkCodec.unpackInto(m, b);
    if (m instanceof LinkMessage lm) {
      lm.rememberImage(b, m.getPackager());
    }
  }

  /**
   * A message that still holds the image it was MACed in, packed by this channel's packager, is
   * sent as that image: the bytes the MAC covers are the bytes that leave.
   */
  @Override
  protected byte[] pack(ISOMsg m) throws ISOException {
    if (m instanceof LinkMessage lm) {
      byte[] image = lm.wireImage(getPackager());
      if (image != null) {
        return image;
      }
    }
    return super.pack(m);
  }
}
