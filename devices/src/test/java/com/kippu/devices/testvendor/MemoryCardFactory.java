package com.kippu.devices.testvendor;

import com.kippu.devices.jpos.JposEntry;

/** A factory of the shape the control layer supports: {@code createInstance(String, JposEntry)}. */
public class MemoryCardFactory {

  static final java.util.List<String> CREATED = new java.util.ArrayList<>();

  public Object createInstance(String logicalName, JposEntry entry) {
    CREATED.add(logicalName + " " + entry.properties().get("port"));
    return new MemoryCardService();
  }
}
