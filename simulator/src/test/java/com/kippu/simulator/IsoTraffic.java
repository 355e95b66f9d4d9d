package com.kippu.simulator;

import com.kippu.iso8583.Link;
import com.kippu.iso8583.LinkCodec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * The ISO 8583 messages a {@link RecordingProxy} carried on one link, read back from its byte
 * streams with the link's own packager and framing (2-byte big-endian length, no header), so a test
 * can ask which field held what. A stream that does not split into whole, readable frames fails the
 * read: traffic that cannot be read cannot be shown free of secrets.
 */
final class IsoTraffic {
  /** One message and where it went. */
  record Message(Link link, boolean fromTerminal, String mti, Map<Integer, String> fields) {
    /**
     * The field's value as text: characters as sent, binary fields (PIN block, MAC) as upper-case
     * hex; null when absent.
     */
    String field(int number) {
      return fields.get(number);
    }

    @Override
    public String toString() {
      return link.slug() + " " + mti + (fromTerminal ? " from the terminal" : " to the terminal");
    }
  }

  private IsoTraffic() {}

  /** Every message both ways through {@code proxy}, a proxy in front of a host of {@code link}. */
  static List<Message> read(Link link, RecordingProxy proxy) {
    ISOPackager packager = link.packager();
    List<Message> messages = new ArrayList<>();
    for (RecordingProxy.Conversation c : proxy.conversations()) {
      messages.addAll(frames(link, packager, c.sent(), true));
      messages.addAll(frames(link, packager, c.received(), false));
    }
    return messages;
  }

  private static List<Message> frames(
      Link link, ISOPackager packager, byte[] stream, boolean fromTerminal) {
    List<Message> messages = new ArrayList<>();
    int at = 0;
    while (at < stream.length) {
      if (stream.length - at < 2) {
        throw new AssertionError(link.slug() + ": a stream ends inside a length prefix");
      }
      int length = ((stream[at] & 0xFF) << 8) | (stream[at + 1] & 0xFF);
      at += 2;
      if (stream.length - at < length) {
        throw new AssertionError(link.slug() + ": a stream ends inside a frame");
      }
      byte[] frame = new byte[length];
      System.arraycopy(stream, at, frame, 0, length);
      at += length;
      messages.add(message(link, packager, frame, fromTerminal));
    }
    return messages;
  }

  private static Message message(
      Link link, ISOPackager packager, byte[] frame, boolean fromTerminal) {
    try {
      ISOMsg m = LinkCodec.unpack(packager, frame);
      Map<Integer, String> fields = new LinkedHashMap<>();
      for (int i = 2; i <= m.getMaxField(); i++) {
        if (m.hasField(i)) {
          ISOComponent c = m.getComponent(i);
          Object value = c.getValue();
          fields.put(
              i,
              value instanceof byte[] bytes
                  ? HexFormat.of().withUpperCase().formatHex(bytes)
                  : String.valueOf(value));
        }
      }
      return new Message(link, fromTerminal, m.getMTI(), fields);
    } catch (ISOException e) {
      throw new AssertionError(link.slug() + ": unreadable frame: " + e.getMessage(), e);
    }
  }
}
