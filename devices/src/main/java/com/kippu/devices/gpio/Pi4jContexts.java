package com.kippu.devices.gpio;

import com.pi4j.context.Context;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Pi4J contexts a host application (or a test, with Pi4J's mock providers) built itself, by name,
 * so that GPIO services created from jpos.xml share them: the {@code pi4jContext} property names
 * one. The registrant owns the context and shuts it down.
 */
public final class Pi4jContexts {

  /** The {@code pi4jContext} value that makes a service build and own an auto-detected context. */
  public static final String AUTO = "auto";

  private static final ConcurrentMap<String, Context> CONTEXTS = new ConcurrentHashMap<>();

  private Pi4jContexts() {}

  /**
   * Makes {@code context} available as {@code name}.
   *
   * @throws IllegalArgumentException when the name is {@link #AUTO} or already registered
   */
  public static void register(String name, Context context) {
    if (AUTO.equals(name)) {
      throw new IllegalArgumentException("'" + AUTO + "' is reserved for auto-detected contexts");
    }
    if (CONTEXTS.putIfAbsent(name, context) != null) {
      throw new IllegalArgumentException("a Pi4J context named '" + name + "' is registered");
    }
  }

  /** Removes the registration of {@code name}; does not shut the context down. */
  public static void unregister(String name) {
    CONTEXTS.remove(name);
  }

  public static Optional<Context> find(String name) {
    return Optional.ofNullable(CONTEXTS.get(name));
  }
}
