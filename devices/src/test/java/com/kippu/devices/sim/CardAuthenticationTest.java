package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kippu.devices.CardApdu;
import com.kippu.devices.CardAuthentication;
import com.kippu.devices.ChipData;
import com.kippu.devices.IcCardReaderWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import jpos.JposException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INTERNAL AUTHENTICATE through the reader: the genuine chip answers, a copied image cannot. */
class CardAuthenticationTest {
  private static final byte[] MASTER = new byte[32];
  private static final ChipData HANAKO = new ChipData("KC-0001", "Hanako", "0001-001-1234567", 0);
  private static final byte[] CHALLENGE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

  @TempDir Path dir;
  private String slotName;
  private IcCardReaderWriter reader;

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

  @Test
  void theGenuineCardAnswersWithItsOwnKeyAndNeverRevealsIt() throws Exception {
    Path card = CardImages.createWithKey(dir.resolve("card.kic"), HANAKO, MASTER);
    SimulatedCardSlots.slot(slotName).insert(card);

    byte[] answer = reader.internalAuthenticate(CHALLENGE);

    byte[] key = CardAuthentication.cardKey(MASTER, "KC-0001");
    assertArrayEquals(CardAuthentication.response(key, CHALLENGE), answer);
    byte[] chipArea = reader.transmit(CardApdu.readBinary(CardApdu.SFI_CHIP_AREA, 0, 256)).data();
    assertFalse(contains(chipArea, key), "the key is not in the readable chip area");
    reader.append(new byte[] {42});
    assertEquals(1, reader.readWriteOnceArea().size(), "the key frame is not a record");
  }

  @Test
  void aCardWithoutAKeyCannotAnswer() throws Exception {
    Path copy = CardImages.create(dir.resolve("copy.kic"), HANAKO);
    SimulatedCardSlots.slot(slotName).insert(copy);

    JposException e =
        assertThrows(JposException.class, () -> reader.internalAuthenticate(CHALLENGE));
    assertEquals(true, e.getMessage().contains("6A88"), e.getMessage());
    assertEquals(true, Files.exists(copy));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
