package com.kippu.devices.jpos;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A jpos.xml entry as the JCL's {@code jpos.config.JposEntry}, for a vendor's {@code
 * JposServiceInstanceFactory}: a read-only proxy over the JCL interface found at run time (the JCL
 * is not a build dependency). Its properties are the JCL's standard ones ({@code logicalName},
 * {@code serviceClass}, {@code deviceCategory}, {@code jposVersion} …) and the entry's {@code
 * <prop>} values with their jpos.xml types. Changing it throws {@link
 * UnsupportedOperationException}.
 */
final class JclEntryView implements InvocationHandler {

  static final String JCL_ENTRY = "jpos.config.JposEntry";

  private final JposEntry entry;
  private final Map<String, Object> properties;
  private final Class<?> entryType;
  private final Class<?> propType;

  private JclEntryView(JposEntry entry, Class<?> entryType, Class<?> propType) {
    this.entry = entry;
    this.entryType = entryType;
    this.propType = propType;
    Map<String, Object> p = new LinkedHashMap<>();
    // Property names of the JCL's standard entry fields (JposEntry.*_PROP_NAME).
    p.put("logicalName", entry.logicalName());
    p.put("serviceInstanceFactoryClass", entry.factoryClass());
    p.put("serviceClass", entry.serviceClass());
    p.put("vendorName", entry.vendorName());
    p.put("vendorURL", entry.vendorUrl());
    p.put("deviceCategory", entry.category());
    p.put("jposVersion", entry.version());
    p.put("productName", entry.productName());
    p.put("productDescription", entry.productDescription());
    p.put("productURL", entry.productUrl());
    p.values().removeIf(v -> ((String) v).isEmpty());
    entry.properties().forEach(p::putIfAbsent);
    this.properties = Collections.unmodifiableMap(p);
  }

  /**
   * The factory's public {@code createInstance(String, jpos.config.JposEntry)}, or null when it has
   * none.
   */
  static Method createInstanceMethod(Class<?> factory) {
    for (Method m : factory.getMethods()) {
      Class<?>[] p = m.getParameterTypes();
      if (m.getName().equals("createInstance")
          && p.length == 2
          && p[0] == String.class
          && p[1].isInterface()
          && p[1].getName().equals(JCL_ENTRY)) {
        return m;
      }
    }
    return null;
  }

  /** {@code entry} as an instance of {@code jclEntry}, the JCL's JposEntry interface. */
  static Object of(Class<?> jclEntry, JposEntry entry) {
    Class<?> prop = null;
    for (Class<?> nested : jclEntry.getClasses()) {
      if (nested.isInterface() && nested.getSimpleName().equals("Prop")) {
        prop = nested;
      }
    }
    return Proxy.newProxyInstance(
        jclEntry.getClassLoader(),
        new Class<?>[] {jclEntry},
        new JclEntryView(entry, jclEntry, prop));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object arg = args == null || args.length == 0 ? null : args[0];
    switch (method.getName()) {
      case "getLogicalName":
        return entry.logicalName();
      case "getPropertyCount":
        return properties.size();
      case "getPropertyNames":
        return Collections.enumeration(properties.keySet());
      case "hasPropertyWithName":
        return properties.containsKey(arg);
      case "hasPropertyWithValue":
        return properties.containsValue(arg);
      case "getPropertyValue":
        return properties.get(arg);
      case "getPropertyType":
        return arg == null || !properties.containsKey(arg) ? null : properties.get(arg).getClass();
      case "getProp":
        return properties.containsKey(arg) ? prop((String) arg) : null;
      case "getProps":
        return properties.keySet().stream().map(this::prop).toList().iterator();
      case "hasProp":
        return arg != null
            && propType != null
            && Objects.equals(
                properties.get(call(propType, arg, "getName")), call(propType, arg, "getValue"));
      case "getRegPopulator":
        return null;
      case "equals":
        return proxy == arg
            || (arg != null
                && Proxy.isProxyClass(arg.getClass())
                && Proxy.getInvocationHandler(arg) instanceof JclEntryView other
                && other.properties.equals(properties));
      case "hashCode":
        return properties.hashCode();
      case "compareTo":
        return entry.logicalName().compareTo((String) call(entryType, arg, "getLogicalName"));
      case "toString":
        return "JposEntry[" + entry.logicalName() + "]";
      default:
        if (method.isDefault()) {
          return InvocationHandler.invokeDefault(proxy, method, args);
        }
        throw new UnsupportedOperationException(
            "jpos.xml entry '" + entry.logicalName() + "' is read-only: " + method.getName());
    }
  }

  /** Calls {@code method} of the JCL interface {@code type} on another implementation of it. */
  private static Object call(Class<?> type, Object target, String method)
      throws ReflectiveOperationException {
    return type.getMethod(method).invoke(target);
  }

  private Object prop(String name) {
    if (propType == null) {
      throw new UnsupportedOperationException(JCL_ENTRY + " has no nested Prop interface");
    }
    return Proxy.newProxyInstance(
        propType.getClassLoader(), new Class<?>[] {propType}, new PropView(name));
  }

  /** One property as the JCL's {@code JposEntry.Prop}, read-only. */
  private final class PropView implements InvocationHandler {
    private final String name;

    PropView(String name) {
      this.name = name;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object value = properties.get(name);
      Object arg = args == null || args.length == 0 ? null : args[0];
      switch (method.getName()) {
        case "getName":
          return name;
        case "getValue":
          return value;
        case "getValueAsString":
          return String.valueOf(value);
        case "getType":
          return value.getClass();
        case "isOfType":
          return value.getClass().equals(arg);
        case "copy":
          return proxy;
        case "equals":
          return proxy == arg
              || (arg != null
                  && propType.isInstance(arg)
                  && name.equals(call(propType, arg, "getName"))
                  && value.equals(call(propType, arg, "getValue")));
        case "hashCode":
          return List.of(name, value).hashCode();
        case "compareTo":
          return name.compareTo((String) call(propType, arg, "getName"));
        case "toString":
          return name + "=" + value;
        default:
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          throw new UnsupportedOperationException(
              "property '" + name + "' of '" + entry.logicalName() + "' is read-only");
      }
    }
  }
}
