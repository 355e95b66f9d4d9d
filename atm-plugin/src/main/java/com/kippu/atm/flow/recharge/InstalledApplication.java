package com.kippu.atm.flow.recharge;

import com.kippu.atm.card.CardApplication;
import java.util.Optional;

/**
 * What an add-a-function session (F11) installs, as its journal keeps it: the center's application
 * id and version, and the AID the card lists it under. Journaled before the card is written ({@code
 * installing}), so recovery can ask the card whether it took it, and after ({@code sold}), so
 * recovery can record the sale at the center when the session stopped before it was recorded.
 */
public record InstalledApplication(String appId, int version, String aidHex) {
  private static final String PREFIX = "application ";

  /** The application a session installs from {@code appId}'s package. */
  public static InstalledApplication of(String appId, CardApplication app) {
    return new InstalledApplication(appId, app.version(), app.aidHex());
  }

  /** As the journal names it, e.g. {@code application points v1 aid F04B495050550001}. */
  public String journaled() {
    return PREFIX + appId + " v" + version + " aid " + aidHex;
  }

  /** Whether {@code app}, as the card lists it, is this application. */
  public boolean is(CardApplication app) {
    return app.aidHex().equals(aidHex) && app.version() == version;
  }

  /** The installed application the journal names; empty when it names something else. */
  public static Optional<InstalledApplication> of(String journaled) {
    if (journaled == null || !journaled.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = journaled.substring(PREFIX.length()).split(" ");
    if (parts.length != 4 || !parts[1].startsWith("v") || !parts[2].equals("aid")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new InstalledApplication(parts[0], Integer.parseInt(parts[1].substring(1)), parts[3]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
