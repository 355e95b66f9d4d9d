package com.kippu.devices;

import java.util.Map;

/**
 * Optional interface of a JavaPOS service that accepts the typed {@code <prop>} values of its
 * jpos.xml entry. The control layer calls {@link #configure} once, after creating the service and
 * before {@code open}; vendor services that do not implement it simply receive no properties.
 */
public interface Configurable {

  /**
   * Receives the entry's properties (String, Integer, Boolean, Long, Float, Double, Byte, Character
   * or Short values, keyed by property name). The map is unmodifiable.
   *
   * @throws jpos.JposException {@code JPOS_E_ILLEGAL} when a required property is missing or bad
   */
  void configure(Map<String, Object> properties) throws jpos.JposException;
}
