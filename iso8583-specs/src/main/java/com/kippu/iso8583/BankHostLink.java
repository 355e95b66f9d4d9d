package com.kippu.iso8583;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jpos.iso.ISOException;
import org.jpos.iso.packager.GenericPackager;

/**
 * The ATM to bank host link dialect: ISO 8583:1987 with ASCII numerics, defined once in {@code
 * bank-host.xml} beside this class. Both ends (terminal and host simulator) take their packager
 * from here so the two sides can never drift apart.
 */
public final class BankHostLink {

  /** Classpath location of the GenericPackager definition. */
  public static final String PACKAGER_RESOURCE = "/com/kippu/iso8583/bank-host.xml";

  /** ISO 4217 numeric code for Japanese yen (field 49); yen have no minor unit. */
  public static final String CURRENCY_JPY = "392";

  private BankHostLink() {}

  /**
   * A fresh packager per call: GenericPackager holds no per-message state, but channels may be
   * configured independently, so sharing one instance buys nothing.
   */
  public static GenericPackager packager() {
    try (InputStream xml = BankHostLink.class.getResourceAsStream(PACKAGER_RESOURCE)) {
      if (xml == null) {
        throw new IllegalStateException("packager definition missing: " + PACKAGER_RESOURCE);
      }
      return new GenericPackager(xml);
    } catch (ISOException e) {
      throw new IllegalStateException("packager definition unreadable: " + PACKAGER_RESOURCE, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
