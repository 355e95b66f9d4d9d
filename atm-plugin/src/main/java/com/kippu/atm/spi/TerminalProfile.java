package com.kippu.atm.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the terminal is and has (S1 ¶114-117, S2 ¶16): its kind, its id toward the bank and the
 * issuers, and the devices it can drive. Menus and payment methods offer only what the profile can
 * do: no cash where there is no cash-in, and a kind's own limits on top (an in-company CD takes no
 * cash, a home PC no cash of any kind).
 */
public record TerminalProfile(String terminalId, Kind kind, Set<Device> devices) {
  public TerminalProfile {
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(kind, "kind");
    devices = devices.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(devices));
    if (!terminalId.matches("[A-Z0-9]{8}")) {
      throw new IllegalArgumentException(
          "terminal id must be 8 upper-case letters or digits (ISO 8583 field 41)");
    }
  }

  /** Terminal kinds from S1 ¶114-118 and S2 ¶16. */
  public enum Kind {
    /** A bank-branch ATM: dedicated line to its bank host, every method its devices allow. */
    BANK_ATM,
    /** An in-company cash dispenser: no cash-in; other banks over an alternate route (S1 ¶115). */
    IN_COMPANY_CD,
    /** A card-issuing kiosk (S2): cash, cards and e-money; card stocker and face printer. */
    KIOSK,
    /** A home PC with an IC card reader/writer (S1 ¶118, S2 ¶46): no cash of any kind. */
    HOME_PC;

    /** Whether a terminal of this kind may take cash at all (S1 ¶117, S2 ¶46). */
    public boolean takesCash() {
      return this == BANK_ATM || this == KIOSK;
    }

    /**
     * Whether a terminal of this kind sells cards of every type (F7, S2 ¶22): a kiosk, onto a card
     * from its stocker or the customer's own, and a home PC onto the card in its reader (S2 ¶46).
     */
    public boolean issuesCards() {
      return this == KIOSK || this == HOME_PC;
    }
  }

  /** The devices a profile can name; each is a logical device of the terminal's jpos.xml. */
  public enum Device {
    IC_CARD_WRITER,
    CASH_IN,
    CARD_READER,
    PIN_PAD,
    EMONEY_READER,
    TICKET_PRINTER,
    CARD_STOCKER
  }

  public boolean has(Device device) {
    return devices.contains(device);
  }

  public boolean hasIcCardWriter() {
    return has(Device.IC_CARD_WRITER);
  }

  /** Cards of every type can be sold (F7): the kind allows it and the IC card writer is there. */
  public boolean issuesCards() {
    return kind.issuesCards() && hasIcCardWriter();
  }

  /** Cards are fed from a stocker and their faces printed (S2 ¶24). */
  public boolean hasCardStocker() {
    return has(Device.CARD_STOCKER);
  }

  /** Cash can be taken: the unit is there and the kind allows it. */
  public boolean takesCash() {
    return kind.takesCash() && has(Device.CASH_IN);
  }
}
