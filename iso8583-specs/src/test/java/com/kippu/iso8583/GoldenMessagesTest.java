package com.kippu.iso8583;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.iso8583.security.MessageMac;
import com.kippu.iso8583.spec.MessageSpec;
import com.kippu.iso8583.spec.MessageValidator;
import com.kippu.iso8583.spec.Specs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message type of both links, request and response: packs to its committed wire image, the
 * image unpacks to the same fields, conforms to its spec page and carries a valid MAC. Run with
 * {@code -Dgolden.write=true} once to (re)write the images after a deliberate change.
 */
class GoldenMessagesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/com/kippu/iso8583/golden");

  static Stream<Arguments> messages() {
    return Specs.all().stream()
        .flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
  }

  @ParameterizedTest(name = "{0} request={1}")
  @MethodSource("messages")
  void packsToGoldenImageAndBack(MessageSpec spec, boolean request) throws Exception {
    ISOMsg message = request ? GoldenMessages.request(spec) : GoldenMessages.response(spec);
    ISOPackager packager = spec.link().packager();
    Path file =
        GOLDEN
            .resolve(spec.link().slug())
            .resolve(spec.id() + (request ? "-request" : "-response") + ".hex");
    byte[] packed = pack(message, packager);
    if (Boolean.getBoolean("golden.write")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, hexLines(packed));
    }

    byte[] golden = read(file);
    assertArrayEquals(golden, packed, "pack " + file);
    ISOMsg unpacked = new ISOMsg();
    unpacked.setPackager(packager);
    assertEquals(golden.length, unpacked.unpack(golden), "whole image consumed");
    assertSameFields(message, unpacked);
    new MessageValidator(spec.link()).validate(unpacked);
    if (request) {
      assertEquals(spec, Specs.find(spec.link(), unpacked).orElseThrow().spec());
    }
    boolean keyExchange = spec.id().startsWith("0800");
    assertTrue(
        MessageMac.verify(
            unpacked,
            packager,
            d ->
                keyExchange
                    ? GoldenMessages.HSM.keyExchangeMac(GoldenMessages.TMK, d)
                    : GoldenMessages.HSM.mac(GoldenMessages.TAK, d)),
        "MAC verifies");
  }

  @Test
  void transferMacCoversCardNumberAndPinBlock() throws Exception {
    MessageSpec spec = Specs.byId(Link.BANK_HOST, "0200-account-transfer");
    ISOPackager packager = spec.link().packager();
    ISOMsg otherCard = GoldenMessages.request(spec);
    otherCard.set(Field.PAN, "000100123456785");
    ISOMsg otherPin = GoldenMessages.request(spec);
    byte[] block = otherPin.getBytes(Field.PIN_BLOCK);
    block[0] ^= 0x01;
    otherPin.set(Field.PIN_BLOCK, block);

    for (ISOMsg changed : new ISOMsg[] {otherCard, otherPin}) {
      ISOMsg received = new ISOMsg();
      received.setPackager(packager);
      received.unpack(pack(changed, packager));
      assertFalse(
          MessageMac.verify(received, packager, d -> GoldenMessages.HSM.mac(GoldenMessages.TAK, d)),
          "MAC verifies after a change of field 2 or 52");
    }
  }

  private static byte[] pack(ISOMsg m, ISOPackager p) throws ISOException {
    m.setPackager(p);
    return m.pack();
  }

  static void assertSameFields(ISOMsg expected, ISOMsg actual) {
    for (int i = 0; i <= 128; i++) {
      if (i == 1) {
        continue; // the bitmap is derived, not set by the test
      }
      assertEquals(expected.hasField(i), actual.hasField(i), "field " + i + " presence");
      if (expected.hasField(i) && expected.getValue(i) instanceof byte[] b) {
        assertArrayEquals(b, actual.getBytes(i), "field " + i);
      } else {
        assertEquals(expected.getString(i), actual.getString(i), "field " + i);
      }
    }
  }

  /** Golden images are hex text, 64 characters a line, so a byte-level diff stays readable. */
  private static String hexLines(byte[] b) {
    String hex = GoldenMessages.HEX.formatHex(b);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 64) {
      out.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
    }
    return out.toString();
  }

  static byte[] read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("golden image missing: " + file + " (run with -Dgolden.write=true)");
    }
    String hex = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("\\s", "");
    return GoldenMessages.HEX.parseHex(hex);
  }

  static byte[] copy(byte[] b) {
    return Arrays.copyOf(b, b.length);
  }
}
