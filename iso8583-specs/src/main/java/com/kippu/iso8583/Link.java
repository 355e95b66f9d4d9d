package com.kippu.iso8583;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jpos.iso.ISOException;
import org.jpos.iso.packager.GenericPackager;

/**
 * The two ISO 8583:1987 links of the product, each defined once by a GenericPackager XML beside
 * this class: terminal to bank host, and terminal to the card networks (credit and prepaid). Both
 * ends take their packager from here so they cannot drift apart.
 */
public enum Link {
  /** ATM or in-company CD to its bank host, or to a card network that carries bank traffic. */
  BANK_HOST("bank-host", "/com/kippu/iso8583/bank-host.xml"),
  /** Terminal to the credit card and prepaid card companies' authorization hosts. */
  CARD_NETWORK("card-network", "/com/kippu/iso8583/card-network.xml");

  private final String slug;
  private final String resource;

  Link(String slug, String resource) {
    this.slug = slug;
    this.resource = resource;
  }

  /** Short name used for the spec page directory and in logs. */
  public String slug() {
    return slug;
  }

  /** Classpath location of the GenericPackager definition. */
  public String packagerResource() {
    return resource;
  }

  /**
   * A fresh packager per call: GenericPackager holds no per-message state, but channels may be
   * configured independently, so sharing one instance buys nothing.
   */
  public GenericPackager packager() {
    try (InputStream xml = Link.class.getResourceAsStream(resource)) {
      if (xml == null) {
        throw new IllegalStateException("packager definition missing: " + resource);
      }
      return new GenericPackager(xml);
    } catch (ISOException e) {
      throw new IllegalStateException("packager definition unreadable: " + resource, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
