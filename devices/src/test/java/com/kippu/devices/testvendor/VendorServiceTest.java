package com.kippu.devices.testvendor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.jpos.JposRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jpos.JposConst;
import jpos.JposException;
import jpos.SmartCardRWConst;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services and factories that exist only in the tests, named in a jpos.xml, are created and driven
 * by the device layer unchanged; a jpos.xml that names what cannot be loaded or driven is refused
 * with the entry's name.
 */
class VendorServiceTest {

  @TempDir Path dir;

  @BeforeEach
  void clear() {
    MemoryCardService.CALLS.clear();
    MemoryCardService.RECORDS.clear();
    MemoryCardFactory.CREATED.clear();
  }

  private JposRegistry registry(String factoryClass, String serviceClass, String props)
      throws Exception {
    Path xml = dir.resolve("jpos.xml");
    Files.writeString(
        xml,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE JposEntries PUBLIC "-//JavaPOS//DTD//EN" "jpos/res/jcl.dtd">
        <JposEntries>
          <JposEntry logicalName="VendorCard">
            <creation factoryClass="%s" serviceClass="%s"/>
            <vendor name="Acme" url="http://acme.invalid"/>
            <jpos category="SmartCardRW" version="1.14.1"/>
            <product description="in-memory card" name="MemoryCard" url=""/>
            %s
          </JposEntry>
        </JposEntries>
        """
            .formatted(factoryClass, serviceClass, props));
    return JposRegistry.load(xml);
  }

  private static void readAndAppend(IcCardReaderWriter reader) throws Exception {
    assertEquals(MemoryCardService.CHIP, reader.readChip());
    reader.append("one".getBytes(StandardCharsets.UTF_8));
    reader.append("two".getBytes(StandardCharsets.UTF_8));
    List<byte[]> records = reader.readWriteOnceArea();
    assertEquals(2, records.size());
    assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), records.get(1));
  }

  @Test
  void serviceOnlyInTestSourcesIsLoadedFromJposXmlAndDrivenUnchanged() throws Exception {
    JposRegistry registry =
        registry(
            "jpos.loader.service.DefaultServiceInstanceFactory",
            MemoryCardService.class.getName(),
            "");

    try (IcCardReaderWriter reader = IcCardReaderWriter.open(registry, "VendorCard")) {
      readAndAppend(reader);
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
  void vendorFactoryIsCalledWithTheEntryAndItsTypedProperties() throws Exception {
    JposRegistry registry =
        registry(
            MemoryCardFactory.class.getName(),
            MemoryCardService.class.getName(),
            """
            <prop name="port" type="String" value="COM3"/>
            <prop name="baudRate" type="Integer" value="9600"/>
            """);

    try (IcCardReaderWriter reader = IcCardReaderWriter.open(registry, "VendorCard")) {
      readAndAppend(reader);
    }
    assertEquals(
        List.of("VendorCard COM3 " + MemoryCardService.class.getName() + " Integer 9600"),
        MemoryCardFactory.CREATED);
    assertEquals("open VendorCard", MemoryCardService.CALLS.get(0));
  }

  @Test
  void factoryRefusalReachesTheCallerWithTheEntryName() throws Exception {
    JposRegistry registry =
        registry(MemoryCardFactory.class.getName(), MemoryCardService.class.getName(), "");

    JposException ex =
        assertThrows(JposException.class, () -> IcCardReaderWriter.open(registry, "VendorCard"));

    assertEquals(JposConst.JPOS_E_NOSERVICE, ex.getErrorCode());
    assertTrue(ex.getMessage().contains("'VendorCard'"), ex.getMessage());
    assertTrue(ex.getMessage().contains("no port configured"), ex.getMessage());
    assertEquals(List.of(), MemoryCardService.CALLS);
  }

  @Test
  void factoryClassNotOnTheClassPathNamesEntryAndClass() throws Exception {
    JposRegistry registry =
        registry("com.acme.jpos.AcmeFactroy", MemoryCardService.class.getName(), "");

    JposException ex =
        assertThrows(JposException.class, () -> IcCardReaderWriter.open(registry, "VendorCard"));

    assertEquals(JposConst.JPOS_E_NOSERVICE, ex.getErrorCode());
    assertTrue(ex.getMessage().contains("'VendorCard'"), ex.getMessage());
    assertTrue(ex.getMessage().contains("com.acme.jpos.AcmeFactroy"), ex.getMessage());
    assertEquals(List.of(), MemoryCardService.CALLS);
  }

  @Test
  void factoryClassWithoutCreateInstanceIsRefused() throws Exception {
    JposRegistry registry =
        registry(MemoryCardService.class.getName(), MemoryCardService.class.getName(), "");

    JposException ex =
        assertThrows(JposException.class, () -> IcCardReaderWriter.open(registry, "VendorCard"));

    assertEquals(JposConst.JPOS_E_NOSERVICE, ex.getErrorCode());
    assertTrue(ex.getMessage().contains("'VendorCard'"), ex.getMessage());
    assertTrue(
        ex.getMessage().contains("has no public createInstance(String, jpos.config.JposEntry)"),
        ex.getMessage());
  }

  @Test
  void serviceReportingAVersionBefore114IsClosedAndRefused() throws Exception {
    JposRegistry registry = registry("", OldCardService.class.getName(), "");

    JposException ex =
        assertThrows(JposException.class, () -> IcCardReaderWriter.open(registry, "VendorCard"));

    assertEquals(JposConst.JPOS_E_NOSERVICE, ex.getErrorCode());
    assertTrue(ex.getMessage().contains("'VendorCard'"), ex.getMessage());
    assertTrue(ex.getMessage().contains("1013002 (1.13.2)"), ex.getMessage());
    assertEquals(List.of("open VendorCard", "close", "deleteInstance"), MemoryCardService.CALLS);
  }
}
