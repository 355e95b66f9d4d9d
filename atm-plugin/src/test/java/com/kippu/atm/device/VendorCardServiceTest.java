package com.kippu.atm.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.SignedDocument;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.testvendor.MemoryCardService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vendor's SmartCardRW service that exists only in test code, created by the vendor's own JCL
 * factory named in a jpos.xml, carries the plugin's sealed ticket records through the plugin's own
 * card adapter with no code change.
 */
class VendorCardServiceTest {

  @Test
  void pluginWritesAndReadsTicketsThroughAVendorService(@TempDir Path dir) throws Exception {
    Path xml = dir.resolve("jpos.xml");
    Files.writeString(
        xml,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <JposEntries>
          <JposEntry logicalName="AcmeCardRW">
            <creation factoryClass="com.kippu.devices.testvendor.MemoryCardFactory"
                      serviceClass="com.kippu.devices.testvendor.MemoryCardService"/>
            <vendor name="Acme" url="http://acme.invalid"/>
            <jpos category="SmartCardRW" version="1.14"/>
            <product description="in-memory card" name="MemoryCard" url=""/>
            <prop name="port" type="String" value="COM1"/>
            <prop name="baudRate" type="Integer" value="9600"/>
          </JposEntry>
        </JposEntries>
        """);
    MemoryCardService.personaliseFor(TestCardAccess.ROOT.getPublic().getEncoded());
    TicketCard tickets =
        new TicketCard(
            new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("ATM00001"));
    SignedDocument ticket =
        new SignedDocument(
            "{\"ticketNumber\":\"T1\"}".getBytes(StandardCharsets.UTF_8),
            new byte[64],
            "acme#1",
            "Ed25519");

    try (JavaPosIcCard card =
        new JavaPosIcCard(IcCardReaderWriter.open(JposRegistry.load(xml), "AcmeCardRW"))) {
      ChipData chip = card.readChip();
      int before = card.readRecords().size();
      tickets.write(card, chip.cardId(), ticket);
      tickets.write(card, chip.cardId(), ticket);

      assertEquals("MEM-1", chip.cardId().value());
      assertEquals("0009-009-0000001", chip.requiredAccount().value());
      assertEquals(before + 1, card.readRecords().size(), "written once although asked twice");
      List<SignedDocument> onCard = TicketCard.tickets(tickets.read(card, chip.cardId()));
      assertArrayEquals(ticket.payload(), onCard.get(onCard.size() - 1).payload());
    }
  }
}
