package com.kippu.devices.cash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.gpio.GpioCashChanger;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.cash.SimulatedCashChanger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import jpos.JposConst;
import jpos.services.CashChangerService114;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample jpos.xml of devices/docs/cash-and-dispenser.md loads and configures as written. */
class CashDocSampleTest {

  private static final Path DOC = Path.of("docs", "cash-and-dispenser.md");

  @TempDir Path dir;

  /** The one xml block of the page, which starts with the XML declaration. */
  static String sampleJposXml() throws Exception {
    String page = Files.readString(DOC);
    int start = page.indexOf("```xml\n<?xml");
    assertTrue(start >= 0, "no complete jpos.xml sample in " + DOC);
    int from = start + "```xml\n".length();
    return page.substring(from, page.indexOf("```", from));
  }

  @Test
  void sampleJposXmlLoadsAndBothEntriesConfigure() throws Exception {
    Path xml = dir.resolve("jpos.xml");
    Files.writeString(xml, sampleJposXml());

    JposRegistry registry = JposRegistry.load(xml);

    assertEquals(Set.of("CashChanger", "NoteDispenser"), registry.logicalNames());
    CashChangerService114 sim = registry.createService("CashChanger", CashChangerService114.class);
    CashChangerService114 gpio =
        registry.createService("NoteDispenser", CashChangerService114.class);
    assertTrue(sim instanceof SimulatedCashChanger, sim.getClass().getName());
    assertTrue(gpio instanceof GpioCashChanger, gpio.getClass().getName());
    assertEquals(JposConst.JPOS_S_CLOSED, sim.getState());
    assertEquals(JposConst.JPOS_S_CLOSED, gpio.getState());
  }
}
