package com.kippu.iso8583;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.iso8583.security.MessageMac;
import com.kippu.iso8583.spec.MessageSpec;
import com.kippu.iso8583.spec.Specs;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signing packs once and the image it returns is the message's wire image; a message keeps that
 * image (or the frame it was received in) only while unchanged, the channel sends it as it is, and
 * MACs are verified over the bytes that travelled.
 */
class LinkMessageTest {
  private static final UnaryOperator<byte[]> TAK_MAC =
      d -> GoldenMessages.HSM.mac(GoldenMessages.TAK, d);

  static Stream<Arguments> messages() {
    return Specs.all().stream()
        .flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
  }

  @ParameterizedTest(name = "{0} request={1}")
  @MethodSource("messages")
  void signedImageIsTheGoldenImage(MessageSpec spec, boolean request) throws Exception {
    ISOMsg golden = request ? GoldenMessages.request(spec) : GoldenMessages.response(spec);
    LinkMessage m = copy(golden);
    ISOPackager packager = spec.link().packager();
    boolean keyExchange = spec.id().startsWith("0800");
    byte[] image =
        MessageMac.signAndPack(
            m,
            packager,
            d ->
                keyExchange
                    ? GoldenMessages.HSM.keyExchangeMac(GoldenMessages.TMK, d)
                    : TAK_MAC.apply(d));

    golden.setPackager(packager);
    assertArrayEquals(golden.pack(), image, "one pack gives the image packing twice gave");
    assertSame(image, m.wireImage(packager));
    m.setPackager(packager);
    assertArrayEquals(image, m.pack(), "the message packs to its remembered image");
  }

  @Test
  void anyChangeForgetsTheImageAndAClonesStartsWithout() throws Exception {
    ISOPackager packager = Link.BANK_HOST.packager();
    LinkMessage m = transfer();
    MessageMac.signAndPack(m, packager, TAK_MAC);
    assertNotNull(m.wireImage(packager));
    assertNull(m.wireImage(Link.BANK_HOST.packager()), "only for the packager that made it");
    assertNull(((LinkMessage) m.clone()).wireImage());

    m.set(Field.AMOUNT, "000000000001");
    assertNull(m.wireImage(), "set forgets");
    MessageMac.signAndPack(m, packager, TAK_MAC);
    m.unset(Field.CARD_ACCEPTOR_ID);
    assertNull(m.wireImage(), "unset forgets");
  }

  @Test
  void channelSendsTheRememberedImageAndPacksAnythingElse() throws Exception {
    LinkChannel channel = LinkChannel.of(Link.BANK_HOST);
    LinkMessage m = transfer();
    byte[] image = MessageMac.signAndPack(m, channel.getPackager(), TAK_MAC);
    m.setPackager(channel.getPackager());
    assertSame(image, channel.pack(m));

    m.set(Field.AMOUNT, "000000000002");
    byte[] repacked = channel.pack(m);
    assertNotSame(image, repacked);
    assertFalse(Arrays.equals(image, repacked));
  }

  @Test
  void receivedFrameIsKeptAndItsMacCheckedOverIt() throws Exception {
    LinkChannel channel = LinkChannel.of(Link.BANK_HOST);
    LinkMessage sent = transfer();
    byte[] frame = MessageMac.signAndPack(sent, channel.getPackager(), TAK_MAC);

    ISOMsg received = channel.createMsg();
    received.setPackager(channel.getPackager());
    channel.unpack(received, frame.clone());
    assertTrue(received instanceof LinkMessage);
    assertNotNull(((LinkMessage) received).wireImage());
    assertTrue(MessageMac.verify(received, channel.getPackager(), TAK_MAC));
    assertFalse(
        MessageMac.verify(
            received, channel.getPackager(), d -> GoldenMessages.HSM.mac(otherTak(), d)),
        "another key");
  }

  @Test
  void aByteChangedOnTheWireFailsTheMac() throws Exception {
    LinkChannel channel = LinkChannel.of(Link.BANK_HOST);
    byte[] frame = MessageMac.signAndPack(transfer(), channel.getPackager(), TAK_MAC);
    int amountDigit = indexOf(frame, "000000008800") + 11;
    frame[amountDigit] = '1';

    ISOMsg received = channel.createMsg();
    received.setPackager(channel.getPackager());
    channel.unpack(received, frame);
    assertFalse(MessageMac.verify(received, channel.getPackager(), TAK_MAC));
  }

  @Test
  void imageThatDoesNotEndInTheMacFallsBackToPackingAgain() throws Exception {
    ISOPackager packager = Link.BANK_HOST.packager();
    LinkMessage m = transfer();
    byte[] image = MessageMac.signAndPack(m, packager, TAK_MAC);
    byte[] damaged = image.clone();
    damaged[damaged.length - 1] ^= 0x01;
    m.rememberImage(damaged, packager);
    assertTrue(MessageMac.verify(m, packager, TAK_MAC), "the fields still carry a valid MAC");
  }

  private static LinkMessage transfer() throws Exception {
    ISOMsg golden = GoldenMessages.request(Specs.byId(Link.BANK_HOST, "0200-account-transfer"));
    return copy(golden);
  }

  private static LinkMessage copy(ISOMsg from) throws Exception {
    LinkMessage m = new LinkMessage();
    for (int i = 0; i <= 128; i++) {
      if (i != 1 && from.hasField(i)) {
        m.set(from.getComponent(i));
      }
    }
    return m;
  }

  private static com.kippu.iso8583.security.StoredKey otherTak() {
    return GoldenMessages.HSM.generate(com.kippu.iso8583.security.KeyType.TAK);
  }

  private static int indexOf(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i + n.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + n.length, n, 0, n.length)) {
        return i;
      }
    }
    throw new AssertionError(needle + " not in the image");
  }
}
