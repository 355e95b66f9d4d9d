package com.kippu.devices;

import java.util.Map;

/**
 * Optional interface of a JavaPOS service that accepts the typed {@code <prop>} values of its
 * jpos.xml entry. The control layer calls {@link #configure} once, after creating the service and
 * before {@code open}. A vendor service that does not implement it gets its properties the JavaPOS
 * way: from the {@code jpos.config.JposEntry} its {@code JposServiceInstanceFactory} is given.
 */
public interface Configurable {

  /**
   * Receives the entry's properties (String, Integer, Boolean, Long, Float, Double, Byte, Character
   * or Short values, keyed by property name). The map is unmodifiable.
   *
   * <p>Every property the service accepts, optional ones included, must be looked up here by name
   * ({@code get}, {@code getOrDefault} or {@code containsKey}), even one it only uses later: the
   * control layer refuses the entry with {@code JPOS_E_ILLEGAL}, naming the entry and the property,
   * when it holds a property that was never looked up, so a misspelt name ({@code slotname} for
   * {@code slotName}) is an error rather than a silently ignored setting.
   *
   * @throws jpos.JposException {@code JPOS_E_ILLEGAL} when a required property is missing or bad
   */
  void configure(Map<String, Object> properties) throws jpos.JposException;
}
