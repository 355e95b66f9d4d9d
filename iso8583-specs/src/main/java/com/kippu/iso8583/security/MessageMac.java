package com.kippu.iso8583.security;

import com.kippu.iso8583.Field;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * Where the MAC goes and what it covers on both links. The MAC is the last field of the message
 * (ISO 8583:1987): field 128 when a secondary bitmap is present, else 64. It covers the packed
 * image of the message up to the MAC field, packed with the MAC field set to 8 zero bytes (so the
 * bitmap already announces it); the MAC function is supplied by the security module.
 */
public final class MessageMac {
  /** A MAC field of 8 bytes travels as 16 hex characters on these links. */
  private static final int MAC_WIRE_LENGTH = 16;

  private MessageMac() {}

  /** The field that carries {@code m}'s MAC: 128 with a secondary bitmap, else 64. */
  public static int macField(ISOMsg m) {
    for (int i = 65; i < 128; i++) {
      if (m.hasField(i)) {
        return Field.MAC_SECONDARY;
      }
    }
    return Field.MAC;
  }

  /** Sets {@code m}'s MAC field to the MAC of its image under {@code packager}. */
  public static void sign(ISOMsg m, ISOPackager packager, UnaryOperator<byte[]> macFunction)
      throws ISOException {
    m.unset(Field.MAC);
    m.unset(Field.MAC_SECONDARY);
    int field = macField(m);
    m.set(field, macFunction.apply(macInput(m, packager, field)));
  }

  /**
   * True when {@code m} carries a MAC in the right field and it equals the MAC computed now
   * (compared in constant time). {@code m} is left as it was.
   */
  public static boolean verify(ISOMsg m, ISOPackager packager, UnaryOperator<byte[]> macFunction) {
    try {
      int field = macField(m);
      int other = field == Field.MAC ? Field.MAC_SECONDARY : Field.MAC;
      if (m.hasField(other) || !m.hasField(field)) {
        return false;
      }
      byte[] received = m.getBytes(field);
      if (received == null || received.length != 8) {
        return false;
      }
      ISOMsg copy = (ISOMsg) m.clone();
      return SoftwareHsm.sameMac(macFunction.apply(macInput(copy, packager, field)), received);
    } catch (ISOException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] macInput(ISOMsg m, ISOPackager packager, int field) throws ISOException {
    m.set(field, new byte[8]);
    ISOPackager previous = m.getPackager();
    m.setPackager(packager);
    try {
      byte[] image = m.pack();
      return Arrays.copyOf(image, image.length - MAC_WIRE_LENGTH);
    } finally {
      m.setPackager(previous);
    }
  }
}
