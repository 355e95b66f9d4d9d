package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.CardAccessExchange;
import com.kippu.devices.CardAccessExchange.Certificate;
import com.kippu.devices.CardAccessExchange.TerminalKey;
import com.kippu.devices.CardApdu;
import com.kippu.devices.ChipData;
import com.kippu.devices.IcCardReaderWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.UUID;
import jpos.JposException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET ACCESS through the reader (S1 ¶41, claim 12): the card hands its record key only sealed to a
 * terminal the center certified, and only that terminal opens it.
 */
class CardAccessExchangeTest {
  private static final byte[] AUTH_MASTER = new byte[32];
  private static final ChipData HANAKO = new ChipData("KC-0001", "Hanako", "0001-001-1234567", 0);

  @TempDir Path dir;
  private String slotName;
  private IcCardReaderWriter reader;
  private final KeyPair root = ed25519();
  private final TerminalKey terminal = TerminalKey.generate();

  @BeforeEach
  void open() throws Exception {
    slotName = "slot-" + UUID.randomUUID();
    reader =
        IcCardReaderWriter.open(
            SimulatedDevices.registry(dir.resolve("out"), slotName), SimulatedDevices.IC_CARD);
  }

  @AfterEach
  void close() throws Exception {
    SimulatedCardSlots.slot(slotName).remove();
    reader.close();
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Certificate certify(PrivateKey by, String holder, byte[] publicKey)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(by);
    s.update(Certificate.signedBytes(holder, publicKey));
    return new Certificate(holder, publicKey, s.sign());
  }

  private Path personalised(String name, ChipData chip) throws Exception {
    Path card =
        CardImages.personalise(dir.resolve(name), chip, AUTH_MASTER, root.getPublic().getEncoded());
    SimulatedCardSlots.slot(slotName).insert(card);
    return card;
  }

  @Test
  void aCertifiedTerminalOpensTheCardsOwnRecordKey() throws Exception {
    personalised("card.kic", HANAKO);
    Certificate cert = certify(root.getPrivate(), "ATM00001", terminal.publicKey());

    byte[] first =
        CardAccessExchange.open(
            terminal.privateKey(), cert, "KC-0001", reader.access(cert.encode()));
    byte[] again =
        CardAccessExchange.open(
            terminal.privateKey(), cert, "KC-0001", reader.access(cert.encode()));

    assertEquals(CardAccessExchange.RECORD_KEY_LENGTH, first.length);
    assertArrayEquals(first, again, "the same key, sealed afresh each time");
    byte[] chipArea = reader.transmit(CardApdu.readBinary(CardApdu.SFI_CHIP_AREA, 0, 256)).data();
    assertFalse(new String(chipArea, "ISO-8859-1").contains(new String(first, "ISO-8859-1")));
  }

  @Test
  void everyCardHasARecordKeyOfItsOwn() throws Exception {
    Certificate cert = certify(root.getPrivate(), "ATM00001", terminal.publicKey());
    personalised("a.kic", HANAKO);
    byte[] a =
        CardAccessExchange.open(
            terminal.privateKey(), cert, "KC-0001", reader.access(cert.encode()));
    SimulatedCardSlots.slot(slotName).remove();
    personalised("b.kic", new ChipData("KC-0002", "Taro", "0001-001-7654321", 0));
    byte[] b =
        CardAccessExchange.open(
            terminal.privateKey(), cert, "KC-0002", reader.access(cert.encode()));

    assertNotEquals(java.util.HexFormat.of().formatHex(a), java.util.HexFormat.of().formatHex(b));
  }

  @Test
  void aCertificateTheCenterDidNotSignGetsNothing() throws Exception {
    personalised("card.kic", HANAKO);
    Certificate forged = certify(ed25519().getPrivate(), "ATM00001", terminal.publicKey());

    JposException e = assertThrows(JposException.class, () -> reader.access(forged.encode()));
    assertTrue(e.getMessage().contains("6982"), e.getMessage());
    assertThrows(JposException.class, () -> reader.access(new byte[] {1, 2, 3}));
  }

  @Test
  void aStolenCertificateWithoutItsPrivateKeyOpensNothing() throws Exception {
    personalised("card.kic", HANAKO);
    Certificate cert = certify(root.getPrivate(), "ATM00001", terminal.publicKey());
    byte[] answer = reader.access(cert.encode());

    assertThrows(
        GeneralSecurityException.class,
        () ->
            CardAccessExchange.open(TerminalKey.generate().privateKey(), cert, "KC-0001", answer));
    assertThrows(
        GeneralSecurityException.class,
        () -> CardAccessExchange.open(terminal.privateKey(), cert, "KC-0002", answer),
        "the answer is bound to the card that gave it");
  }

  @Test
  void aCardCopiedThroughAReaderHasNoAccessInformation() throws Exception {
    Path copy = CardImages.create(dir.resolve("copy.kic"), HANAKO);
    SimulatedCardSlots.slot(slotName).insert(copy);
    Certificate cert = certify(root.getPrivate(), "ATM00001", terminal.publicKey());

    JposException e = assertThrows(JposException.class, () -> reader.access(cert.encode()));
    assertTrue(e.getMessage().contains("6A88"), e.getMessage());
  }
}
