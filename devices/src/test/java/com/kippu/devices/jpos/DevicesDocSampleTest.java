package com.kippu.devices.jpos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.gpio.GpioDispenserConfig;
import com.kippu.devices.gpio.Pi4jContexts;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jpos.JposConst;
import jpos.services.BaseService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample jpos.xml of docs/DEVICES.md is one complete file an integrator can start from: it
 * loads, every class it names resolves to a service of its category, every entry is in the page's
 * device table, and every device opens with exactly the properties shown. Only file locations and
 * the GPIO dispenser's Pi4J context (the mock platform instead of a Raspberry Pi) are overridden.
 */
class DevicesDocSampleTest {

  private static final Path DOC = Path.of("..", "docs", "DEVICES.md");
  private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);

  private static final List<String> DEVICES =
      List.of(
          "ICCardRW",
          "ReceiptPrinter",
          "TicketPrinter",
          "MSR",
          "PINPad",
          "EMoneyRW",
          "CashChanger",
          "NoteDispenser");

  @TempDir Path dir;

  private static String doc() throws Exception {
    return Files.readString(DOC, StandardCharsets.UTF_8);
  }

  private static JposRegistry sample() throws Exception {
    List<String> files = new ArrayList<>();
    Matcher m = XML_BLOCK.matcher(doc());
    while (m.find()) {
      if (m.group(1).contains("<JposEntries>")) {
        files.add(m.group(1));
      }
    }
    assertEquals(1, files.size(), "one complete sample jpos.xml in " + DOC);
    return JposRegistry.load(
        new ByteArrayInputStream(files.get(0).getBytes(StandardCharsets.UTF_8)), DOC.toString());
  }

  @Test
  void sampleNamesEveryDeviceOfTheTableWithClassesThatResolve() throws Exception {
    JposRegistry registry = sample();
    String doc = doc();

    assertEquals(DEVICES, List.copyOf(registry.logicalNames()));
    for (String name : DEVICES) {
      JposEntry e = registry.entry(name);
      assertTrue(doc.contains("| `" + name + "` |"), name + " is not in the device table");
      assertTrue(
          JposRegistry.DEFAULT_FACTORIES.contains(e.factoryClass()),
          name + ": " + e.factoryClass());
      assertTrue(JposRegistry.atLeastMinVersion(e.version()), name + ": " + e.version());
      Class<?> service = Class.forName(e.serviceClass());
      Class<?> required = JposRegistry.serviceInterface(e.category());
      assertTrue(required.isAssignableFrom(service), name + ": " + service + " is no " + required);
    }
  }

  @Test
  void everyDeviceOfTheSampleOpensWithItsDocumentedProperties() throws Exception {
    String contextName = "doc-sample-" + UUID.randomUUID();
    Context pi4j =
        Pi4J.newContextBuilder()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
    Pi4jContexts.register(contextName, pi4j);
    try {
      String out = dir.resolve("out").toString();
      JposRegistry registry =
          sample()
              .withProperties("ReceiptPrinter", Map.of("outputDirectory", out))
              .withProperties("TicketPrinter", Map.of("outputDirectory", out))
              .withProperties(
                  "CashChanger", Map.of("countsFile", dir.resolve("cash.txt").toString()))
              .withProperties(
                  "NoteDispenser",
                  Map.of(
                      "countsFile",
                      dir.resolve("notes.txt").toString(),
                      GpioDispenserConfig.PI4J_CONTEXT,
                      contextName));

      for (String name : DEVICES) {
        try (DeviceSession<BaseService> device =
            DeviceSession.open(registry, name, BaseService.class, 2000)) {
          assertTrue(device.service().getDeviceEnabled(), name);
          assertEquals(JposConst.JPOS_S_IDLE, device.service().getState(), name);
        }
      }
    } finally {
      Pi4jContexts.unregister(contextName);
      pi4j.shutdown();
    }
  }
}
