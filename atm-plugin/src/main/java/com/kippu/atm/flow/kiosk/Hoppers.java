package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CardType;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.issuing.CardUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Which stocker hopper a purchase's card comes from: blank cards for tickets and passes, the hopper
 * holding a prepaid product's pre-valued cards for that product (S2 ¶41), as the terminal's
 * configuration names them ({@code terminal.prepaidHoppers}).
 */
final class Hoppers {
  private final Map<String, Integer> prepaid;

  Hoppers(Map<String, Integer> prepaid) {
    this.prepaid = Map.copyOf(prepaid);
  }

  int of(PurchaseSession session) {
    if (session.kiosk().is(CardType.PREPAID)) {
      // Without a hopper for the product, the pre-valued card is the one in the reader.
      return prepaid(session.kiosk().productId().orElseThrow()).orElse(CardUnit.BLANK_HOPPER);
    }
    return CardUnit.BLANK_HOPPER;
  }

  /** The hopper of {@code productId}'s pre-valued cards, if this kiosk stocks them. */
  Optional<Integer> prepaid(String productId) {
    return Optional.ofNullable(prepaid.get(productId));
  }

  boolean stocksPrepaid() {
    return !prepaid.isEmpty();
  }
}
