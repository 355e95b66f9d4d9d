package com.kippu.devices.testvendor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.jpos.JposRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jpos.SmartCardRWConst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorServiceTest {

  @Test
  void serviceOnlyInTestSourcesIsLoadedFromJposXmlAndDrivenUnchanged(@TempDir Path dir)
      throws Exception {
    Path xml = dir.resolve("jpos.xml");
    Files.writeString(
        xml,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE JposEntries PUBLIC "-//JavaPOS//DTD//EN" "jpos/res/jcl.dtd">
        <JposEntries>
          <JposEntry logicalName="VendorCard">
            <creation factoryClass="com.acme.jpos.NotOnClassPathFactory"
                      serviceClass="com.kippu.devices.testvendor.MemoryCardService"/>
            <vendor name="Acme" url="http://acme.invalid"/>
            <jpos category="SmartCardRW" version="1.14.1"/>
            <product description="in-memory card" name="MemoryCard" url=""/>
            <prop name="port" type="String" value="COM9"/>
          </JposEntry>
        </JposEntries>
        """);
    MemoryCardService.CALLS.clear();
    MemoryCardService.RECORDS.clear();

    try (IcCardReaderWriter reader =
        IcCardReaderWriter.open(JposRegistry.load(xml), "VendorCard")) {
      assertEquals(MemoryCardService.CHIP, reader.readChip());
      reader.append("one".getBytes(StandardCharsets.UTF_8));
      reader.append("two".getBytes(StandardCharsets.UTF_8));
      List<byte[]> records = reader.readWriteOnceArea();
      assertEquals(2, records.size());
      assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), records.get(1));
    }
    assertEquals(
        List.of(
            "open VendorCard",
            "claim",
            "interfaceMode " + SmartCardRWConst.SC_MODE_APDU,
            "enable true",
            "enable false",
            "release",
            "close",
            "deleteInstance"),
        MemoryCardService.CALLS);
  }

  @Test
  void factoryWithCreateInstanceIsUsedWhenOnTheClassPath(@TempDir Path dir) throws Exception {
    Path xml = dir.resolve("jpos.xml");
    Files.writeString(
        xml,
        """
        <JposEntries>
          <JposEntry logicalName="FactoryCard">
            <creation factoryClass="com.kippu.devices.testvendor.MemoryCardFactory"
                      serviceClass="com.kippu.devices.testvendor.MemoryCardService"/>
            <jpos category="SmartCardRW" version="1.14"/>
            <prop name="port" type="String" value="COM3"/>
          </JposEntry>
        </JposEntries>
        """);
    MemoryCardFactory.CREATED.clear();
    try (IcCardReaderWriter reader =
        IcCardReaderWriter.open(JposRegistry.load(xml), "FactoryCard")) {
      assertEquals(MemoryCardService.CHIP, reader.readChip());
    }
    assertEquals(List.of("FactoryCard COM3"), MemoryCardFactory.CREATED);
  }
}
