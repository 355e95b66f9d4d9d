package com.kippu.atm.flow.recharge;

import java.util.Optional;

/**
 * What an add-a-function session (F11) sold, as its journal keeps it once the card holds it: the
 * application id and version, so that recovery can record the sale at the center when the session
 * stopped before it was recorded.
 */
public record InstalledApplication(String appId, int version) {
  private static final String PREFIX = "application ";

  /** The journal's sold item, e.g. {@code application points v1}. */
  public String soldItem() {
    return PREFIX + appId + " v" + version;
  }

  /** The installed application a sold item names; empty when it names something else. */
  public static Optional<InstalledApplication> of(String soldItem) {
    if (soldItem == null || !soldItem.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = soldItem.substring(PREFIX.length());
    int v = rest.lastIndexOf(" v");
    if (v <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new InstalledApplication(rest.substring(0, v), Integer.parseInt(rest.substring(v + 2))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
