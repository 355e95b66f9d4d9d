package com.kippu.devices.jpos;

import com.kippu.devices.Configurable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.BaseService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The devices of one terminal as described by a standard jpos.xml (JCL format), and the factory
 * that creates their services by logical name. Immutable: {@link #withProperties} returns a copy. A
 * DTD named by the file's DOCTYPE is never fetched; entries are only checked for category and
 * version when a service is created, so a file may list devices this terminal never opens.
 */
public final class JposRegistry {

  /** Oldest UnifiedPOS version whose services Kippu drives (the *Service114 interfaces). */
  public static final String MIN_VERSION = "1.14";

  /**
   * Factory class names that mean "instantiate serviceClass": none, and the JCL's default factory,
   * which does just that. Neither needs the JCL on the class path.
   */
  public static final Set<String> DEFAULT_FACTORIES =
      Set.of("", "jpos.loader.service.DefaultServiceInstanceFactory");

  private final String source;
  private final Map<String, JposEntry> entries;

  private JposRegistry(String source, Map<String, JposEntry> entries) {
    this.source = source;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** A registry of {@code entries}; {@code source} names them in error messages. */
  public static JposRegistry of(String source, Collection<JposEntry> entries) throws JposException {
    Map<String, JposEntry> byName = new LinkedHashMap<>();
    for (JposEntry e : entries) {
      if (byName.putIfAbsent(e.logicalName(), e) != null) {
        throw new JposException(
            JposConst.JPOS_E_ILLEGAL,
            source + ": logical name '" + e.logicalName() + "' is defined twice");
      }
    }
    return new JposRegistry(source, byName);
  }

  public static JposRegistry load(Path file) throws JposException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new JposException(
          JposConst.JPOS_E_NOEXIST, "cannot read jpos.xml " + file + ": " + e.getMessage(), e);
    }
  }

  /** Loads a jpos.xml from the class path, e.g. {@code /com/kippu/devices/sim/jpos-sim.xml}. */
  public static JposRegistry loadResource(String resource) throws JposException {
    InputStream in = JposRegistry.class.getResourceAsStream(resource);
    if (in == null) {
      throw new JposException(
          JposConst.JPOS_E_NOEXIST, "jpos.xml resource " + resource + " is not on the class path");
    }
    try (in) {
      return load(in, resource);
    } catch (IOException e) {
      throw new JposException(JposConst.JPOS_E_FAILURE, "cannot read " + resource, e);
    }
  }

  public static JposRegistry load(InputStream in, String source) throws JposException {
    Document doc;
    try {
      DocumentBuilder builder = secureFactory().newDocumentBuilder();
      // A jpos.xml usually names jcl.dtd; never resolve it (no network, no file lookup).
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      builder.setErrorHandler(null);
      doc = builder.parse(in, source);
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, source + " is not a readable jpos.xml: " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    if (!"JposEntries".equals(root.getTagName())) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL,
          source + ": root element is <" + root.getTagName() + ">, expected <JposEntries>");
    }
    NodeList nodes = root.getElementsByTagName("JposEntry");
    List<JposEntry> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add(parseEntry(source, (Element) nodes.item(i)));
    }
    return of(source, list);
  }

  private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setValidating(false);
    f.setNamespaceAware(false);
    return f;
  }

  private static JposEntry parseEntry(String source, Element e) throws JposException {
    String name = e.getAttribute("logicalName").trim();
    if (name.isEmpty()) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, source + ": a <JposEntry> has no logicalName");
    }
    String where = source + ": entry '" + name + "'";
    Element creation = child(e, "creation");
    Element jpos = child(e, "jpos");
    if (creation == null || creation.getAttribute("serviceClass").isBlank()) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, where + " has no <creation serviceClass=\"...\">");
    }
    if (jpos == null
        || jpos.getAttribute("category").isBlank()
        || jpos.getAttribute("version").isBlank()) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, where + " has no <jpos category=\"...\" version=\"...\">");
    }
    Element vendor = child(e, "vendor");
    Element product = child(e, "product");
    Map<String, Object> props = new LinkedHashMap<>();
    NodeList propNodes = e.getElementsByTagName("prop");
    for (int i = 0; i < propNodes.getLength(); i++) {
      Element p = (Element) propNodes.item(i);
      String propName = p.getAttribute("name").trim();
      if (propName.isEmpty()) {
        throw new JposException(JposConst.JPOS_E_ILLEGAL, where + " has a <prop> without name");
      }
      props.put(propName, typed(where, propName, p.getAttribute("type"), p.getAttribute("value")));
    }
    return new JposEntry(
        name,
        creation.getAttribute("factoryClass").trim(),
        creation.getAttribute("serviceClass").trim(),
        jpos.getAttribute("category").trim(),
        jpos.getAttribute("version").trim(),
        attr(vendor, "name"),
        attr(vendor, "url"),
        attr(product, "name"),
        attr(product, "description"),
        attr(product, "url"),
        props);
  }

  private static Object typed(String where, String name, String type, String value)
      throws JposException {
    String t = type == null || type.isBlank() ? "String" : type.trim();
    try {
      return switch (t) {
        case "String" -> value;
        case "Integer" -> Integer.valueOf(value.trim());
        case "Long" -> Long.valueOf(value.trim());
        case "Short" -> Short.valueOf(value.trim());
        case "Byte" -> Byte.valueOf(value.trim());
        case "Float" -> Float.valueOf(value.trim());
        case "Double" -> Double.valueOf(value.trim());
        case "Boolean" -> parseBoolean(value.trim());
        case "Character" -> {
          if (value.length() != 1) {
            throw new IllegalArgumentException("not a single character");
          }
          yield value.charAt(0);
        }
        default ->
            throw new JposException(
                JposConst.JPOS_E_ILLEGAL,
                where + " property '" + name + "' has unknown type '" + t + "'");
      };
    } catch (IllegalArgumentException ex) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL,
          where + " property '" + name + "' is not a valid " + t + ": '" + value + "'",
          ex);
    }
  }

  private static Boolean parseBoolean(String v) {
    if (v.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (v.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("expected true or false");
  }

  private static Element child(Element parent, String tag) {
    NodeList list = parent.getElementsByTagName(tag);
    return list.getLength() == 0 ? null : (Element) list.item(0);
  }

  private static String attr(Element e, String name) {
    return e == null ? "" : e.getAttribute(name).trim();
  }

  /** Where this registry came from (a file path or resource name). */
  public String source() {
    return source;
  }

  public Set<String> logicalNames() {
    return entries.keySet();
  }

  public Optional<JposEntry> find(String logicalName) {
    return Optional.ofNullable(entries.get(logicalName));
  }

  /** The entry for {@code logicalName}; {@code JPOS_E_NOEXIST} when there is none. */
  public JposEntry entry(String logicalName) throws JposException {
    JposEntry e = entries.get(logicalName);
    if (e == null) {
      throw new JposException(
          JposConst.JPOS_E_NOEXIST,
          "no jpos.xml entry for logical name '" + logicalName + "' in " + source);
    }
    return e;
  }

  /**
   * A copy of this registry where the entry {@code logicalName} has {@code overrides} put over its
   * properties, e.g. the simulator pointing {@code outputDirectory} into its run directory.
   */
  public JposRegistry withProperties(String logicalName, Map<String, ?> overrides)
      throws JposException {
    Map<String, JposEntry> copy = new LinkedHashMap<>(entries);
    copy.put(logicalName, entry(logicalName).withProperties(overrides));
    return new JposRegistry(source, copy);
  }

  /** Writes the entries as a standard jpos.xml (UTF-8, JCL DOCTYPE) that {@link #load} reads. */
  public void write(Path file) throws IOException {
    StringBuilder x = new StringBuilder();
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<!DOCTYPE JposEntries PUBLIC \"-//JavaPOS//DTD//EN\" \"jpos/res/jcl.dtd\">\n");
    x.append("<JposEntries>\n");
    for (JposEntry e : entries.values()) {
      x.append("  <JposEntry logicalName=\"").append(esc(e.logicalName())).append("\">\n");
      x.append("    <creation factoryClass=\"").append(esc(e.factoryClass()));
      x.append("\" serviceClass=\"").append(esc(e.serviceClass())).append("\"/>\n");
      x.append("    <vendor name=\"").append(esc(e.vendorName()));
      x.append("\" url=\"").append(esc(e.vendorUrl())).append("\"/>\n");
      x.append("    <jpos category=\"").append(esc(e.category()));
      x.append("\" version=\"").append(esc(e.version())).append("\"/>\n");
      x.append("    <product description=\"").append(esc(e.productDescription()));
      x.append("\" name=\"").append(esc(e.productName()));
      x.append("\" url=\"").append(esc(e.productUrl())).append("\"/>\n");
      for (Map.Entry<String, Object> p : e.properties().entrySet()) {
        Object v = p.getValue();
        x.append("    <prop name=\"").append(esc(p.getKey()));
        x.append("\" type=\"").append(v.getClass().getSimpleName());
        x.append("\" value=\"").append(esc(String.valueOf(v))).append("\"/>\n");
      }
      x.append("  </JposEntry>\n");
    }
    x.append("</JposEntries>\n");
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(x.toString());
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\n' -> b.append("&#10;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The JavaPOS service interface a category's services implement at version 1.14, e.g. {@code
   * jpos.services.SmartCardRWService114} for {@code SmartCardRW}.
   */
  public static Class<?> serviceInterface(String category) throws JposException {
    String name = "jpos.services." + category + "Service114";
    try {
      return Class.forName(name, false, JposRegistry.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE, "unknown JavaPOS category '" + category + "'", e);
    }
  }

  /**
   * Creates, type-checks and configures the service of {@code logicalName}: through the entry's
   * factory, or from {@code serviceClass} when the factory is one of {@link #DEFAULT_FACTORIES}. A
   * {@link Configurable} service gets the entry's properties; one it does not look up is refused.
   *
   * @throws JposException {@code JPOS_E_NOSERVICE} naming the entry when a class is missing, the
   *     entry's version is older than {@value #MIN_VERSION} or the service has the wrong category;
   *     {@code JPOS_E_ILLEGAL} naming the entry and the property when configuration fails
   */
  public <S extends BaseService> S createService(String logicalName, Class<S> expected)
      throws JposException {
    JposEntry entry = entry(logicalName);
    String where = "jpos.xml entry '" + logicalName + "'";
    if (!atLeastMinVersion(entry.version())) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where
              + " declares UnifiedPOS version "
              + entry.version()
              + "; Kippu needs "
              + MIN_VERSION
              + " or later");
    }
    Class<?> required;
    try {
      required = serviceInterface(entry.category());
    } catch (JposException e) {
      throw new JposException(e.getErrorCode(), where + ": " + e.getMessage(), e);
    }
    Object service = instantiate(where, entry);
    if (!required.isInstance(service)) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where
              + ": "
              + service.getClass().getName()
              + " does not implement "
              + required.getName()
              + " required by category "
              + entry.category());
    }
    if (!expected.isInstance(service)) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where + " is a " + entry.category() + " service, not a " + expected.getSimpleName());
    }
    if (service instanceof Configurable c) {
      PropertyLookups props = new PropertyLookups(entry.properties());
      try {
        c.configure(props);
      } catch (JposException e) {
        throw new JposException(
            e.getErrorCode(), e.getErrorCodeExtended(), where + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new JposException(
            JposConst.JPOS_E_ILLEGAL, where + ": configuration refused: " + e.getMessage(), e);
      }
      props.refuseUnread(where, service.getClass().getName());
    }
    return expected.cast(service);
  }

  static boolean atLeastMinVersion(String version) {
    String[] parts = version.trim().split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major > 1 || (major == 1 && minor >= 14);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Object instantiate(String where, JposEntry entry) throws JposException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = JposRegistry.class.getClassLoader();
    }
    if (DEFAULT_FACTORIES.contains(entry.factoryClass())) {
      return newServiceClass(where, entry, loader);
    }
    return viaFactory(where, entry, loader);
  }

  private static Object newServiceClass(String where, JposEntry entry, ClassLoader loader)
      throws JposException {
    Class<?> type;
    try {
      type = Class.forName(entry.serviceClass(), true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where + ": service class " + entry.serviceClass() + " is not on the class path",
          e instanceof Exception ex ? ex : null);
    }
    return construct(where, "service class", type);
  }

  private static Object construct(String where, String role, Class<?> type) throws JposException {
    try {
      return type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where + ": " + role + " " + type.getName() + " has no public no-arg constructor",
          e);
    } catch (InvocationTargetException e) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where + ": constructor of " + type.getName() + " failed: " + e.getCause(),
          e);
    } catch (ReflectiveOperationException e) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where + ": cannot instantiate " + type.getName() + ": " + e,
          e);
    }
  }

  /**
   * Creates the service through the vendor's factory: a class with a public no-arg constructor and
   * the JCL's {@code createInstance(String logicalName, jpos.config.JposEntry entry)} (the {@code
   * jpos.loader.JposServiceInstanceFactory} method). The JCL types come from the vendor's jars at
   * run time; the entry is handed over as a read-only {@link JclEntryView}.
   */
  private static Object viaFactory(String where, JposEntry entry, ClassLoader loader)
      throws JposException {
    String factoryClass = entry.factoryClass();
    Class<?> type;
    try {
      type = Class.forName(factoryClass, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where + ": factory class " + factoryClass + " is not on the class path",
          e instanceof Exception ex ? ex : null);
    }
    Method create = JclEntryView.createInstanceMethod(type);
    if (create == null) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where
              + ": factory class "
              + factoryClass
              + " has no public createInstance(String, "
              + JclEntryView.JCL_ENTRY
              + "); a jpos.xml factory must implement jpos.loader.JposServiceInstanceFactory");
    }
    Object factory = construct(where, "factory class", type);
    Object jclEntry = JclEntryView.of(create.getParameterTypes()[1], entry);
    Object service;
    try {
      service = create.invoke(factory, entry.logicalName(), jclEntry);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof JposException je) {
        throw new JposException(
            je.getErrorCode(),
            je.getErrorCodeExtended(),
            where + ": factory " + factoryClass + " refused: " + je.getMessage(),
            je);
      }
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          where + ": factory " + factoryClass + " failed: " + e.getCause(),
          e);
    } catch (IllegalAccessException e) {
      throw new JposException(JposConst.JPOS_E_NOSERVICE, where + ": " + e, e);
    }
    if (service == null) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE, where + ": factory " + factoryClass + " gave no service");
    }
    return service;
  }
}
