package com.kippu.atm.flow.pay;

import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.List;

/** The notices the payment methods show while a device waits for the customer. */
final class PinScreens {
  private PinScreens() {}

  /** Shown while the PIN pad takes the PIN; the pad itself times the entry out. */
  static Screen enterPin() {
    return notice("enter-pin");
  }

  static Screen notice(String id) {
    return new Screen(
        id, Text.of(id + ".title"), List.of(Text.of(id + ".line")), List.of(), Duration.ZERO);
  }
}
