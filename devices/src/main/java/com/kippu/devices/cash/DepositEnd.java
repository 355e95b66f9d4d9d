package com.kippu.devices.cash;

import jpos.CashChangerConst;

/** How a fixed deposit ends (UnifiedPOS endDeposit). */
public enum DepositEnd {
  /** Keep the deposit; the application then pays the excess back with dispenseChange. */
  CHANGE(CashChangerConst.CHAN_DEPOSIT_CHANGE),
  /** Keep the deposit; it is not more than the amount due. */
  NO_CHANGE(CashChangerConst.CHAN_DEPOSIT_NOCHANGE),
  /** Give the customer back exactly what they inserted. */
  REPAY(CashChangerConst.CHAN_DEPOSIT_REPAY);

  private final int upos;

  DepositEnd(int upos) {
    this.upos = upos;
  }

  /** The CHAN_DEPOSIT_* value. */
  public int upos() {
    return upos;
  }
}
