package com.kippu.center.home;

import java.util.Objects;

/**
 * The hosts the center asks on a home PC's behalf (F13, S2 ¶49-51): the card host for card
 * payments, the user's bank for online banking. A deployment plugs in what it has; a rail not
 * plugged in answers every payment as unavailable.
 */
public record HomeRails(CardAuthorizer cards, BankAuthorizer banks) {
  public static final HomeRails NONE = new HomeRails(CardAuthorizer.NONE, BankAuthorizer.NONE);

  public HomeRails {
    Objects.requireNonNull(cards, "cards");
    Objects.requireNonNull(banks, "banks");
  }

  /** Card payments through {@code cards}; no online banking. */
  public static HomeRails cards(CardAuthorizer cards) {
    return new HomeRails(cards, BankAuthorizer.NONE);
  }
}
