package com.kippu.devices.jpos;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jpos.JposConst;
import jpos.JposException;

/**
 * The read-only property map a {@link com.kippu.devices.Configurable} service is configured with,
 * recording every name the service looks up ({@code get}, {@code getOrDefault}, {@code
 * containsKey}), present or not. Iterating does not count: a property is known only when asked for
 * by name, so a misspelt one is refused by {@link #refuseUnread} instead of being ignored.
 */
final class PropertyLookups extends AbstractMap<String, Object> {

  private final Map<String, Object> properties;
  private final Set<String> lookedUp = new LinkedHashSet<>();

  PropertyLookups(Map<String, Object> properties) {
    this.properties = properties;
  }

  @Override
  public Object get(Object key) {
    record(key);
    return properties.get(key);
  }

  @Override
  public Object getOrDefault(Object key, Object fallback) {
    record(key);
    return properties.getOrDefault(key, fallback);
  }

  @Override
  public boolean containsKey(Object key) {
    record(key);
    return properties.containsKey(key);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return properties.entrySet();
  }

  private synchronized void record(Object key) {
    if (key instanceof String name) {
      lookedUp.add(name);
    }
  }

  /**
   * Throws {@code JPOS_E_ILLEGAL} naming the first property the service never looked up, with the
   * names it does read (and the likely intended one for a case slip like {@code slotname}).
   */
  synchronized void refuseUnread(String where, String serviceClass) throws JposException {
    List<String> unknown = new ArrayList<>();
    for (String name : properties.keySet()) {
      if (!lookedUp.contains(name)) {
        unknown.add(name);
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    String name = unknown.get(0);
    StringBuilder m = new StringBuilder(where);
    m.append(": unknown property '").append(name).append('\'');
    for (String known : lookedUp) {
      if (known.equalsIgnoreCase(name)) {
        m.append(" (did you mean '").append(known).append("'?)");
        break;
      }
    }
    m.append("; ").append(serviceClass).append(" reads ");
    m.append(lookedUp.isEmpty() ? "no properties" : String.join(", ", lookedUp));
    if (unknown.size() > 1) {
      m.append("; also unknown: ").append(String.join(", ", unknown.subList(1, unknown.size())));
    }
    throw new JposException(JposConst.JPOS_E_ILLEGAL, m.toString());
  }
}
