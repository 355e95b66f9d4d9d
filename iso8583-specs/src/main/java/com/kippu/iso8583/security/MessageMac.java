package com.kippu.iso8583.security;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.LinkMessage;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBinaryField;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * Where the MAC goes and what it covers on both links. The MAC is the last field of the message
 * (ISO 8583:1987): field 128 when a secondary bitmap is present, else 64. It covers the packed
 * image of the message up to the MAC field, packed with the MAC field set to 8 zero bytes (so the
 * bitmap already announces it); the MAC function is supplied by the security module.
 *
 * <p>Signing packs the message once: the MAC field is packed as zeros, the MAC computed over the
 * image before it, and the MAC's packed form written over the zeros in place. A {@link LinkMessage}
 * keeps that image, and a received one keeps its frame, so verification covers the bytes that
 * travelled without packing again.
 */
public final class MessageMac {
  /** A MAC field of 8 bytes travels as 16 hex characters on these links. */
  private static final int MAC_WIRE_LENGTH = 16;

  private static final byte[] ZERO_MAC = new byte[8];

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
    signAndPack(m, packager, macFunction);
  }

  /**
   * Sets {@code m}'s MAC field to the MAC of its image under {@code packager} and returns the image
   * with the MAC, packed once. A {@link LinkMessage} remembers the image, so a {@link
   * com.kippu.iso8583.LinkChannel} with the same packager sends it as it is.
   */
  public static byte[] signAndPack(
      ISOMsg m, ISOPackager packager, UnaryOperator<byte[]> macFunction) throws ISOException {
    m.unset(Field.MAC);
    m.unset(Field.MAC_SECONDARY);
    int field = macField(m);
    m.set(field, ZERO_MAC.clone());
    byte[] image = pack(m, packager);
    int macStart = image.length - MAC_WIRE_LENGTH;
    byte[] mac = macFunction.apply(Arrays.copyOf(image, Math.max(0, macStart)));
    m.set(field, mac);
    byte[] packedMac = packedField(packager, field, mac);
    byte[] packedZero = packedField(packager, field, ZERO_MAC);
    if (packedMac != null
        && packedZero != null
        && packedMac.length == MAC_WIRE_LENGTH
        && macStart >= 0
        && Arrays.equals(image, macStart, image.length, packedZero, 0, MAC_WIRE_LENGTH)) {
      System.arraycopy(packedMac, 0, image, macStart, MAC_WIRE_LENGTH);
    } else {
      // Not the layout these links use (MAC last, 16 hex characters): pack again.
      image = pack(m, packager);
    }
    if (m instanceof LinkMessage lm) {
      lm.rememberImage(image, packager);
    }
    return image;
  }

  /**
   * True when {@code m} carries a MAC in the right field and it equals the MAC computed now
   * (compared in constant time). For a {@link LinkMessage} that holds its wire image, the MAC is
   * computed over those bytes; otherwise over {@code m} packed again. {@code m} is left as it was.
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
      byte[] input = null;
      if (m instanceof LinkMessage lm) {
        input = macInputOf(lm.wireImage(), received);
      }
      if (input == null) {
        ISOMsg copy = (ISOMsg) m.clone();
        copy.set(field, ZERO_MAC.clone());
        byte[] image = pack(copy, packager);
        input = Arrays.copyOf(image, image.length - MAC_WIRE_LENGTH);
      }
      return SoftwareHsm.sameMac(macFunction.apply(input), received);
    } catch (ISOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The bytes of {@code image} the MAC covers, when the image ends in the 16 hex characters of
   * {@code mac} (as every frame of these links whose MAC field was unpacked from it does); null
   * otherwise, and then the message is packed again instead.
   */
  private static byte[] macInputOf(byte[] image, byte[] mac) {
    if (image == null || image.length < MAC_WIRE_LENGTH) {
      return null;
    }
    int macStart = image.length - MAC_WIRE_LENGTH;
    for (int i = 0; i < mac.length; i++) {
      int hi = Character.digit(image[macStart + 2 * i], 16);
      int lo = Character.digit(image[macStart + 2 * i + 1], 16);
      if (hi < 0 || lo < 0 || (byte) (hi << 4 | lo) != mac[i]) {
        return null;
      }
    }
    return Arrays.copyOf(image, macStart);
  }

  /** {@code mac} packed as field {@code field} of {@code packager}; null when it cannot tell. */
  private static byte[] packedField(ISOPackager packager, int field, byte[] mac) {
    if (!(packager instanceof ISOBasePackager base)) {
      return null;
    }
    try {
      ISOFieldPackager fp = base.getFieldPackager(field);
      if (fp == null) {
        return null;
      }
      ISOComponent c = new ISOBinaryField(field, mac);
      return fp.pack(c);
    } catch (ISOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] pack(ISOMsg m, ISOPackager packager) throws ISOException {
    ISOPackager previous = m.getPackager();
    m.setPackager(packager);
    try {
      return m.pack();
    } finally {
      m.setPackager(previous);
    }
  }
}
