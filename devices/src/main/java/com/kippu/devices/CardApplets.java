package com.kippu.devices;

import com.kippu.devices.CardApdu.Command;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Applications installed on a CPU card (S2 ¶21, ¶45, ¶53): an issuer's program, loaded and made
 * selectable by one proprietary INSTALL command (CLA 80, INS E6, P1 0C as GlobalPlatform's "install
 * and make selectable"), and listed by GET DATA of {@link #DO_APPLICATIONS}. The card keeps every
 * installed version (it is write-once like the record area) and refuses a version not newer than
 * the one installed under the same AID.
 */
public final class CardApplets {
  public static final int INS_INSTALL = 0xE6;
  public static final int P1_INSTALL_AND_SELECTABLE = 0x0C;

  /** GET DATA: the installed applications, newest version of each AID. */
  public static final int DO_APPLICATIONS = 0x0110;

  /** The AID is installed already in this version or a newer one. */
  public static final int SW_ALREADY_INSTALLED = 0x6A89;

  /** An application package: its AID (5-16 bytes), version, name and code. */
  public record Applet(byte[] aid, int version, String name, byte[] code) {
    public Applet {
      if (aid.length < 5 || aid.length > 16) {
        throw new IllegalArgumentException("an AID is 5 to 16 bytes");
      }
      if (version < 1 || version > 0xFFFF) {
        throw new IllegalArgumentException("version must be 1..65535");
      }
      if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
        throw new IllegalArgumentException("name too long");
      }
      aid = aid.clone();
      code = code.clone();
    }

    @Override
    public byte[] aid() {
      return aid.clone();
    }

    @Override
    public byte[] code() {
      return code.clone();
    }

    /** aidLen u8 | aid | version u16 | nameLen u8 | name UTF-8 | code */
    public byte[] encode() {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(1 + aid.length + 2 + 1 + n.length + code.length);
      b.put((byte) aid.length).put(aid).putShort((short) version).put((byte) n.length).put(n);
      b.put(code);
      return b.array();
    }

    public static Applet decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      byte[] aid = new byte[b.get() & 0xFF];
      b.get(aid);
      int version = b.getShort() & 0xFFFF;
      byte[] n = new byte[b.get() & 0xFF];
      b.get(n);
      byte[] code = new byte[b.remaining()];
      b.get(code);
      return new Applet(aid, version, new String(n, StandardCharsets.UTF_8), code);
    }
  }

  /** What GET DATA lists of one installed application. */
  public record Installed(String aidHex, int version, String name) {}

  private CardApplets() {}

  public static Command install(Applet applet) {
    return new Command(
        PurseApdu.CLA_PROPRIETARY, INS_INSTALL, P1_INSTALL_AND_SELECTABLE, 0, applet.encode(), 0);
  }

  /** count u16, then per application: aidLen u8 | aid | version u16 | nameLen u8 | name. */
  public static byte[] encodeList(List<Applet> installed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(installed.size() >> 8);
    out.write(installed.size());
    for (Applet a : installed) {
      byte[] n = a.name().getBytes(StandardCharsets.UTF_8);
      out.write(a.aid.length);
      out.writeBytes(a.aid);
      out.write(a.version() >> 8);
      out.write(a.version());
      out.write(n.length);
      out.writeBytes(n);
    }
    return out.toByteArray();
  }

  public static List<Installed> decodeList(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data);
    int count = b.getShort() & 0xFFFF;
    List<Installed> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] aid = new byte[b.get() & 0xFF];
      b.get(aid);
      int version = b.getShort() & 0xFFFF;
      byte[] n = new byte[b.get() & 0xFF];
      b.get(n);
      list.add(
          new Installed(
              java.util.HexFormat.of().withUpperCase().formatHex(aid),
              version,
              new String(n, StandardCharsets.UTF_8)));
    }
    return list;
  }
}
