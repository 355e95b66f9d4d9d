package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.center.user.AccountPan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An online-banking PIN block is formed on the terminal's PIN pad for the paying account's cash
 * card number and opened at the center for the number it derives: both must be the same, or every
 * right PIN would open as garbage.
 */
class PinBlockAgreementTest {
  @Test
  void theTerminalAndTheCenterFormTheSameNumberForAnAccount() {
    for (String account :
        List.of("0001-001-1234567", "0001-001-7654321", "0005-123-0000001", "9999-999-9999999")) {
      assertEquals(
          CardNumber.ofCashAccount(new AccountNumber(account)).value(),
          AccountPan.of(account),
          account);
    }
  }
}
