package jpos.config;

import java.util.Enumeration;
import java.util.Iterator;

/**
 * Test-only stand-in for the JavaPOS Config Loader's entry type, which is not published to Maven
 * Central: the read methods a vendor factory uses and one mutator, under the JCL's names, so the
 * tests can write a factory the way a vendor does. Never on the main class path.
 */
public interface JposEntry {

  String getLogicalName();

  int getPropertyCount();

  Enumeration<String> getPropertyNames();

  boolean hasPropertyWithName(String name);

  Object getPropertyValue(String name);

  Class<?> getPropertyType(String name);

  Prop getProp(String name);

  Iterator<Prop> getProps();

  Object addProperty(String name, Object value);

  /** One named, typed property of the entry. */
  interface Prop {
    String getName();

    Object getValue();

    Class<?> getType();
  }
}
