package com.kippu.atm.flow;

/**
 * Why a step did not simply go on: the business events a flow file routes ({@code
 * step(pay).on(DECLINED, backTo(choosePayment))}). A step raises a signal; only the flow decides
 * where it leads, so the same step serves flows that route it differently.
 */
public enum Signal {
  /** The seats chosen were taken by someone else before they could be held. */
  SEAT_TAKEN,
  /** The hold lapsed, or would lapse before paying and issuing could finish. */
  HOLD_LAPSED,
  /** The payment was declined or could not be completed; no money stands (S1 ¶58). */
  DECLINED,
  /** The customer may try the same step again (a wrong PIN with tries left). */
  TRY_AGAIN,
  /** The customer wants other ticket conditions and asks again (S1 ¶35, F1). */
  CONDITIONS_CHANGED
}
