package com.kippu.iso8583;

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

  /** A fresh packager per call; see {@link Link#packager()}. */
  public static GenericPackager packager() {
    return Link.BANK_HOST.packager();
  }
}
