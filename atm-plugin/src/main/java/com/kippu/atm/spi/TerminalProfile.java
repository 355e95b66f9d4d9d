package com.kippu.atm.spi;

import java.util.Objects;

/**
 * What the terminal is and has (S1 ¶114-117): its kind, its id toward the bank and the issuers, and
 * which devices it can drive. Menus offer only what the profile can do.
 */
public record TerminalProfile(
    String terminalId, Kind kind, boolean hasIcCardWriter, boolean hasCashIn) {
  public TerminalProfile {
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(kind, "kind");
    if (!terminalId.matches("[A-Z0-9]{8}")) {
      throw new IllegalArgumentException(
          "terminal id must be 8 upper-case letters or digits (ISO 8583 field 41)");
    }
  }

  /** Terminal kinds from S1 ¶114-118 and S2 ¶16. */
  public enum Kind {
    BANK_ATM,
    IN_COMPANY_CD,
    KIOSK,
    HOME_PC
  }
}
