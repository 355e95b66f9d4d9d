package com.kippu.devices.jpos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entry a vendor factory sees, through the test-only copy of the JCL interface. */
class JclEntryViewTest {

  private static jpos.config.JposEntry view() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("port", "COM3");
    props.put("baudRate", 9600);
    JposEntry entry =
        new JposEntry(
            "CardRW",
            "com.acme.AcmeFactory",
            "com.acme.AcmeCardService",
            "SmartCardRW",
            "1.14",
            "Acme",
            "",
            "Acme Card",
            "",
            "",
            props);
    return (jpos.config.JposEntry) JclEntryView.of(jpos.config.JposEntry.class, entry);
  }

  @Test
  void exposesTheStandardFieldsAndTheTypedPropertiesUnderJclNames() {
    jpos.config.JposEntry e = view();

    assertEquals("CardRW", e.getLogicalName());
    assertEquals("com.acme.AcmeCardService", e.getPropertyValue("serviceClass"));
    assertEquals("com.acme.AcmeFactory", e.getPropertyValue("serviceInstanceFactoryClass"));
    assertEquals("SmartCardRW", e.getPropertyValue("deviceCategory"));
    assertEquals("1.14", e.getPropertyValue("jposVersion"));
    assertEquals("Acme", e.getPropertyValue("vendorName"));
    assertFalse(e.hasPropertyWithName("vendorURL"), "empty fields are absent");
    assertEquals(9600, e.getPropertyValue("baudRate"));
    assertEquals(Integer.class, e.getPropertyType("baudRate"));
    assertNull(e.getPropertyType("parity"));
    assertNull(e.getProp("parity"));
    assertEquals(
        List.of(
            "logicalName",
            "serviceInstanceFactoryClass",
            "serviceClass",
            "vendorName",
            "deviceCategory",
            "jposVersion",
            "productName",
            "port",
            "baudRate"),
        Collections.list(e.getPropertyNames()));
    assertEquals(9, e.getPropertyCount());
  }

  @Test
  void propsIterateNamesValuesAndTypes() {
    List<String> seen = new ArrayList<>();
    for (Iterator<jpos.config.JposEntry.Prop> it = view().getProps(); it.hasNext(); ) {
      jpos.config.JposEntry.Prop p = it.next();
      if (p.getName().equals("port") || p.getName().equals("baudRate")) {
        seen.add(p.getName() + "=" + p.getValue() + ":" + p.getType().getSimpleName());
      }
    }
    assertEquals(List.of("port=COM3:String", "baudRate=9600:Integer"), seen);
    assertEquals("COM3", view().getProp("port").getValue());
  }

  @Test
  void isReadOnly() {
    jpos.config.JposEntry e = view();
    UnsupportedOperationException ex =
        assertThrows(UnsupportedOperationException.class, () -> e.addProperty("port", "COM4"));
    assertTrue(ex.getMessage().contains("'CardRW' is read-only"), ex.getMessage());
    assertEquals("COM3", e.getPropertyValue("port"));
    assertEquals(view(), e);
    assertEquals(view().hashCode(), e.hashCode());
  }
}
