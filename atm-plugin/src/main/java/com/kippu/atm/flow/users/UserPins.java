package com.kippu.atm.flow.users;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPan;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.WorkingKey;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;

/**
 * A registered user's PIN from the PIN pad (S2 ¶38: never in clear): the center's fresh PIN key is
 * loaded into the PIN pad under its center master key, and the PIN comes back as a block for the
 * user's account number ({@link UserPan}) under that key. The terminal never sees a digit.
 */
public final class UserPins {
  private final UserCenter center;
  private final PinPad pinPad;
  private final CustomerTerminal customer;

  public UserPins(UserCenter center, PinPad pinPad, CustomerTerminal customer) {
    this.center = center;
    this.pinPad = pinPad;
    this.customer = customer;
  }

  /**
   * Asks for the PIN of {@code user} on the PIN pad, under {@code prompt}.
   *
   * @throws PinEntryCancelledException when the customer cancels or does not finish in time
   */
  public UserPin read(UserId user, Text prompt) throws CenterException, PinEntryCancelledException {
    return read(UserPan.of(user), "user-pin", prompt);
  }

  /**
   * Asks on the PIN pad, under screen {@code screenId} (its title {@code <id>.title}), for a PIN
   * whose block is formed for account number {@code account} rather than a user's: an
   * online-banking PIN, for the paying account's cash card number. The same fresh center key.
   *
   * @throws PinEntryCancelledException when the customer cancels or does not finish in time
   */
  public UserPin read(String account, String screenId, Text prompt)
      throws CenterException, PinEntryCancelledException {
    WorkingKey key = center.pinKey();
    pinPad.loadCenterPinKey(key);
    customer.inform(
        Screens.notice(screenId, Text.of(screenId + ".title"), prompt, Text.of("user-pin.pad")));
    return new UserPin(pinPad.readUserPin(account), key.checkValue());
  }

  /** The PIN typed again under the key {@code first} was made under (no new key in between). */
  UserPin readAgain(UserId user, UserPin first) throws PinEntryCancelledException {
    customer.inform(
        Screens.notice(
            "user-pin",
            Text.of("user-pin.title"),
            Text.of("new-pin.again"),
            Text.of("user-pin.pad")));
    return new UserPin(pinPad.readUserPin(UserPan.of(user)), first.keyCheckValue());
  }

  /** The same PIN typed twice, under the same key: the blocks are equal (format 0 is fixed). */
  static boolean same(UserPin a, UserPin b) {
    return a.keyCheckValue().equals(b.keyCheckValue()) && a.block().equals(b.block());
  }
}
