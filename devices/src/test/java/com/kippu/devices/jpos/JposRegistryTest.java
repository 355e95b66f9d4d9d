package com.kippu.devices.jpos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.sim.AbstractSimulatedService;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedPosPrinter;
import com.kippu.devices.sim.SimulatedSmartCardRW;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.POSPrinterService114;
import jpos.services.SmartCardRWService114;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JposRegistryTest {

  // The DTD address is unreachable on purpose: loading must never try to fetch it.
  private static final String HEAD =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE JposEntries PUBLIC \"-//JavaPOS//DTD//EN\""
          + " \"http://unreachable.invalid/jcl.dtd\">\n<JposEntries>\n";

  private static String entry(
      String name, String serviceClass, String category, String version, String props) {
    return "<JposEntry logicalName=\""
        + name
        + "\">"
        + "<creation factoryClass=\"jpos.loader.service.DefaultServiceInstanceFactory\""
        + " serviceClass=\""
        + serviceClass
        + "\"/>"
        + "<vendor name=\"Acme\" url=\"http://acme.invalid\"/>"
        + "<jpos category=\""
        + category
        + "\" version=\""
        + version
        + "\"/>"
        + "<product description=\"d\" name=\"n\" url=\"u\"/>"
        + props
        + "</JposEntry>\n";
  }

  private static JposRegistry parse(String body) throws JposException {
    String xml = HEAD + body + "</JposEntries>\n";
    return JposRegistry.load(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
  }

  @Test
  void typedPropertiesAndEntryFields() throws Exception {
    JposRegistry r =
        parse(
            entry(
                "P",
                "x.Y",
                "POSPrinter",
                "1.14",
                "<prop name=\"s\" type=\"String\" value=\"hello\"/>"
                    + "<prop name=\"i\" type=\"Integer\" value=\"42\"/>"
                    + "<prop name=\"b\" type=\"Boolean\" value=\"true\"/>"
                    + "<prop name=\"l\" type=\"Long\" value=\"9000000000\"/>"
                    + "<prop name=\"f\" type=\"Float\" value=\"1.5\"/>"
                    + "<prop name=\"y\" type=\"Byte\" value=\"7\"/>"
                    + "<prop name=\"c\" type=\"Character\" value=\"Z\"/>"
                    + "<prop name=\"h\" type=\"Short\" value=\"-3\"/>"
                    + "<prop name=\"u\" value=\"untyped\"/>"));
    JposEntry e = r.entry("P");
    assertEquals("POSPrinter", e.category());
    assertEquals("Acme", e.vendorName());
    assertEquals(
        Map.of(
            "s",
            "hello",
            "i",
            42,
            "b",
            true,
            "l",
            9_000_000_000L,
            "f",
            1.5f,
            "y",
            (byte) 7,
            "c",
            'Z',
            "h",
            (short) -3,
            "u",
            "untyped"),
        e.properties());
  }

  @Test
  void badTypedValueNamesEntryAndProperty() {
    JposException ex =
        assertThrows(
            JposException.class,
            () ->
                parse(
                    entry(
                        "P",
                        "x.Y",
                        "POSPrinter",
                        "1.14",
                        "<prop name=\"width\" type=\"Integer\" value=\"wide\"/>")));
    assertEquals(JposConst.JPOS_E_ILLEGAL, ex.getErrorCode());
    assertTrue(
        ex.getMessage().contains("'P'") && ex.getMessage().contains("width"), ex.getMessage());
  }

  @Test
  void missingEntryIsNoExist() throws Exception {
    JposRegistry r = parse("");
    JposException ex =
        assertThrows(
            JposException.class, () -> r.createService("Nope", SmartCardRWService114.class));
    assertEquals(JposConst.JPOS_E_NOEXIST, ex.getErrorCode());
    assertTrue(ex.getMessage().contains("'Nope'"), ex.getMessage());
  }

  @Test
  void missingClassNamesTheEntry() throws Exception {
    JposRegistry r = parse(entry("Reader7", "com.acme.Missing", "SmartCardRW", "1.14", ""));
    JposException ex =
        assertThrows(
            JposException.class, () -> r.createService("Reader7", SmartCardRWService114.class));
    assertEquals(JposConst.JPOS_E_NOSERVICE, ex.getErrorCode());
    assertTrue(ex.getMessage().contains("'Reader7'"), ex.getMessage());
    assertTrue(ex.getMessage().contains("com.acme.Missing"), ex.getMessage());
  }

  @Test
  void versionBefore114IsRefused() throws Exception {
    JposRegistry r =
        parse(
            entry(
                "Old",
                SimulatedPosPrinter.class.getName(),
                "POSPrinter",
                "1.13",
                "<prop name=\"outputDirectory\" value=\"x\"/>"));
    JposException ex =
        assertThrows(JposException.class, () -> r.createService("Old", POSPrinterService114.class));
    assertEquals(JposConst.JPOS_E_NOSERVICE, ex.getErrorCode());
    assertTrue(
        ex.getMessage().contains("'Old'") && ex.getMessage().contains("1.13"), ex.getMessage());
  }

  @Test
  void classOfWrongCategoryIsRefused() throws Exception {
    JposRegistry r =
        parse(
            entry(
                "Mixed",
                SimulatedPosPrinter.class.getName(),
                "SmartCardRW",
                "1.14",
                "<prop name=\"outputDirectory\" value=\"x\"/>"));
    JposException ex =
        assertThrows(
            JposException.class, () -> r.createService("Mixed", SmartCardRWService114.class));
    assertEquals(JposConst.JPOS_E_NOSERVICE, ex.getErrorCode());
    assertTrue(
        ex.getMessage().contains("does not implement jpos.services.SmartCardRWService114"),
        ex.getMessage());
  }

  @Test
  void missingRequiredPropertyNamesEntry() throws Exception {
    JposRegistry r =
        parse(entry("Rp", SimulatedPosPrinter.class.getName(), "POSPrinter", "1.14", ""));
    JposException ex =
        assertThrows(JposException.class, () -> r.createService("Rp", POSPrinterService114.class));
    assertEquals(JposConst.JPOS_E_ILLEGAL, ex.getErrorCode());
    assertTrue(
        ex.getMessage().contains("'Rp'") && ex.getMessage().contains("outputDirectory"),
        ex.getMessage());
  }

  @Test
  void misspeltPropertyOfAKippuServiceIsRefusedNamingEntryAndProperty() throws Exception {
    JposRegistry r =
        parse(
            entry(
                "Card",
                SimulatedSmartCardRW.class.getName(),
                "SmartCardRW",
                "1.14",
                "<prop name=\"slotname\" value=\"T-001\"/>"));
    JposException ex =
        assertThrows(
            JposException.class, () -> r.createService("Card", SmartCardRWService114.class));
    assertEquals(JposConst.JPOS_E_ILLEGAL, ex.getErrorCode());
    assertTrue(
        ex.getMessage().contains("'Card': unknown property 'slotname' (did you mean 'slotName'?)"),
        ex.getMessage());
  }

  @Test
  void aPropertyASimulatedServiceReadsLaterIsKnownAndOnlyDeclaredOnesCanBeReadLater()
      throws Exception {
    LateReader s = new LateReader();
    PropertyLookups props = new PropertyLookups(Map.of("unitName", "u-1"));

    s.configure(props);

    props.refuseUnread("'Late'", LateReader.class.getName()); // declared, so known
    assertEquals("u-1", s.read("unitName"));
    IllegalStateException undeclared =
        assertThrows(IllegalStateException.class, () -> s.read("slotName"));
    assertTrue(undeclared.getMessage().contains("propertiesReadLater"), undeclared.getMessage());
    PropertyLookups unknown = new PropertyLookups(Map.of("unitname", "u-1"));
    new LateReader().configure(unknown);
    JposException ex =
        assertThrows(
            JposException.class, () -> unknown.refuseUnread("'Late'", LateReader.class.getName()));
    assertTrue(ex.getMessage().contains("(did you mean 'unitName'?)"), ex.getMessage());
  }

  /** A service that reads one property only after configure. */
  private static final class LateReader extends AbstractSimulatedService {
    @Override
    protected String description() {
      return "late reader";
    }

    @Override
    protected Set<String> propertiesReadLater() {
      return Set.of("unitName");
    }

    String read(String name) {
      return stringProperty(name, "none");
    }
  }

  @Test
  void everyUnknownPropertyIsListed() throws Exception {
    JposRegistry r =
        parse(
            entry(
                "Rp",
                SimulatedPosPrinter.class.getName(),
                "POSPrinter",
                "1.14",
                "<prop name=\"outputDirectory\" value=\"x\"/>"
                    + "<prop name=\"baudRate\" type=\"Integer\" value=\"9600\"/>"
                    + "<prop name=\"port\" value=\"COM1\"/>"));
    JposException ex =
        assertThrows(JposException.class, () -> r.createService("Rp", POSPrinterService114.class));
    assertEquals(JposConst.JPOS_E_ILLEGAL, ex.getErrorCode());
    assertTrue(ex.getMessage().contains("unknown property 'baudRate'"), ex.getMessage());
    assertTrue(ex.getMessage().contains("also unknown: port"), ex.getMessage());
    assertTrue(ex.getMessage().contains("outputDirectory, recLineChars"), ex.getMessage());
  }

  @Test
  void everyPropertyAKippuServiceReadsIsAccepted() throws Exception {
    JposRegistry r =
        parse(
            entry(
                "Rp",
                SimulatedPosPrinter.class.getName(),
                "POSPrinter",
                "1.14",
                "<prop name=\"outputDirectory\" value=\"x\"/>"
                    + "<prop name=\"filePrefix\" value=\"ticket\"/>"
                    + "<prop name=\"recLineChars\" type=\"Integer\" value=\"32\"/>"
                    + "<prop name=\"renderPng\" type=\"Boolean\" value=\"false\"/>"
                    + "<prop name=\"deviceName\" value=\"T-001/TicketPrinter\"/>"));
    assertInstanceOf(SimulatedPosPrinter.class, r.createService("Rp", POSPrinterService114.class));
  }

  @Test
  void missingFactoryClassNamesEntryAndClass() throws Exception {
    String xml =
        entry("Reader8", SimulatedSmartCardRW.class.getName(), "SmartCardRW", "1.14", "")
            .replace("jpos.loader.service.DefaultServiceInstanceFactory", "com.acme.NoFactory");
    JposRegistry r = parse(xml);
    JposException ex =
        assertThrows(
            JposException.class, () -> r.createService("Reader8", SmartCardRWService114.class));
    assertEquals(JposConst.JPOS_E_NOSERVICE, ex.getErrorCode());
    assertTrue(
        ex.getMessage().contains("'Reader8': factory class com.acme.NoFactory is not on"),
        ex.getMessage());
  }

  @Test
  void duplicateLogicalNameIsRefused() {
    String e = entry("Twice", "x.Y", "POSPrinter", "1.14", "");
    JposException ex = assertThrows(JposException.class, () -> parse(e + e));
    assertTrue(ex.getMessage().contains("Twice"), ex.getMessage());
  }

  @Test
  void writeThenLoadRoundTripsWithOverrides(@TempDir Path dir) throws Exception {
    Path xml = dir.resolve("jpos.xml");
    JposRegistry written = SimulatedDevices.writeJposXml(xml, dir.resolve("out"), "slot-9");
    JposRegistry read = JposRegistry.load(xml);
    assertEquals(written.logicalNames(), read.logicalNames());
    assertEquals(
        dir.resolve("out").toAbsolutePath().toString(),
        read.entry(SimulatedDevices.RECEIPT_PRINTER).properties().get("outputDirectory"));
    assertEquals(42, read.entry(SimulatedDevices.RECEIPT_PRINTER).properties().get("recLineChars"));
    assertEquals("slot-9", read.entry(SimulatedDevices.IC_CARD).properties().get("slotName"));
    assertInstanceOf(
        SimulatedPosPrinter.class,
        read.createService(SimulatedDevices.RECEIPT_PRINTER, POSPrinterService114.class));
  }

  @Test
  void versionComparison() {
    assertTrue(JposRegistry.atLeastMinVersion("1.14"));
    assertTrue(JposRegistry.atLeastMinVersion("1.14.3"));
    assertTrue(JposRegistry.atLeastMinVersion("1.15"));
    assertTrue(!JposRegistry.atLeastMinVersion("1.9"));
    assertTrue(!JposRegistry.atLeastMinVersion("1.13.9"));
    assertTrue(!JposRegistry.atLeastMinVersion("one"));
  }
}
