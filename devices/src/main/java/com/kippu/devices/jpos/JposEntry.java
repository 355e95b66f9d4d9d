package com.kippu.devices.jpos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code <JposEntry>} of a jpos.xml file: how to create the service for a logical device name,
 * which UnifiedPOS category and version it implements, and its typed properties (insertion order
 * kept, unmodifiable).
 */
public record JposEntry(
    String logicalName,
    String factoryClass,
    String serviceClass,
    String category,
    String version,
    String vendorName,
    String vendorUrl,
    String productName,
    String productDescription,
    String productUrl,
    Map<String, Object> properties) {

  public JposEntry {
    Objects.requireNonNull(logicalName, "logicalName");
    Objects.requireNonNull(serviceClass, "serviceClass");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(version, "version");
    factoryClass = factoryClass == null ? "" : factoryClass;
    vendorName = vendorName == null ? "" : vendorName;
    vendorUrl = vendorUrl == null ? "" : vendorUrl;
    productName = productName == null ? "" : productName;
    productDescription = productDescription == null ? "" : productDescription;
    productUrl = productUrl == null ? "" : productUrl;
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A copy whose properties are this entry's with {@code overrides} put over them. */
  public JposEntry withProperties(Map<String, ?> overrides) {
    Map<String, Object> merged = new LinkedHashMap<>(properties);
    merged.putAll(overrides);
    return new JposEntry(
        logicalName,
        factoryClass,
        serviceClass,
        category,
        version,
        vendorName,
        vendorUrl,
        productName,
        productDescription,
        productUrl,
        merged);
  }
}
