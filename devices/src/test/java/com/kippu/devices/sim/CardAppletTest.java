package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.CardApdu;
import com.kippu.devices.CardApplets;
import com.kippu.devices.ChipData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated card OS installs issuers' applications (S2 ¶45): INSTALL appends one, GET DATA
 * lists the newest version of each AID, a version not newer than the installed one is refused, and
 * what the write-once area holds is untouched.
 */
class CardAppletTest {
  private static final byte[] AID = HexFormat.of().parseHex("F0000000010001");

  @TempDir Path dir;

  private static CardApplets.Applet points(int version) {
    return new CardApplets.Applet(
        AID, version, "Kippu Points", ("code v" + version).getBytes(StandardCharsets.UTF_8));
  }

  private static List<CardApplets.Installed> list(Path card) throws Exception {
    CardApdu.Response r =
        CardOs.process(card, CardApdu.getData(CardApplets.DO_APPLICATIONS).encode());
    assertEquals(CardApdu.SW_OK, r.sw());
    return CardApplets.decodeList(r.data());
  }

  @Test
  void installsListsAndRefusesAnOlderOrEqualVersion() throws Exception {
    Path card =
        CardImages.create(dir.resolve("card.kic"), new ChipData("KC-1", "HANAKO", "0001", 0));
    CardOs.process(
        card, CardApdu.appendRecord(CardApdu.SFI_WRITE_ONCE_AREA, new byte[] {1}).encode());
    assertTrue(list(card).isEmpty());

    assertEquals(
        CardApdu.SW_OK, CardOs.process(card, CardApplets.install(points(1)).encode()).sw());
    assertEquals(
        List.of(new CardApplets.Installed("F0000000010001", 1, "Kippu Points")), list(card));
    assertEquals(
        CardApplets.SW_ALREADY_INSTALLED,
        CardOs.process(card, CardApplets.install(points(1)).encode()).sw());

    assertEquals(
        CardApdu.SW_OK, CardOs.process(card, CardApplets.install(points(2)).encode()).sw());
    assertEquals(2, list(card).get(0).version(), "the newer version is listed");
    assertEquals(1, CardImage.read(card).records().size(), "the write-once area is untouched");
    assertEquals(0, CardImage.read(card).tornFragments());
  }
}
