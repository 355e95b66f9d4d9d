package com.kippu.atm.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.TransferRequest;

/**
 * Account transfers for the link's tests: paid with the cash card of the from-account and a PIN
 * block the scripted hosts of these tests do not check.
 */
final class Transfers {
  static final PinBlock PIN = new PinBlock(new byte[8], PinBlock.Format.ISO_9564_FORMAT_0);

  private Transfers() {}

  static TransferRequest transfer(
      String transactionId, AccountNumber from, AccountNumber to, Money amount) {
    return new TransferRequest(
        transactionId, CardNumber.ofCashAccount(from), from, to, amount, PIN);
  }
}
