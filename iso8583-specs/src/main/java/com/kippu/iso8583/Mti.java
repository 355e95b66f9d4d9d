package com.kippu.iso8583;

/** Message type indicators (ISO 8583:1987 field 0) used on the two links. */
public final class Mti {
  /** Network management request: sign-on, sign-off, echo test, key exchange. */
  public static final String NETWORK_MANAGEMENT_REQUEST = "0800";

  public static final String NETWORK_MANAGEMENT_RESPONSE = "0810";

  /** Authorization request: debit with PIN (bank host), credit or prepaid (card network). */
  public static final String AUTHORIZATION_REQUEST = "0100";

  public static final String AUTHORIZATION_RESPONSE = "0110";

  /** Financial transaction request: money moves when the host approves. */
  public static final String FINANCIAL_REQUEST = "0200";

  public static final String FINANCIAL_RESPONSE = "0210";

  /** Reversal advice: undo a financial request whose outcome the terminal cannot rely on. */
  public static final String REVERSAL_ADVICE = "0420";

  /**
   * Repeat of a reversal advice whose 0430 did not arrive: the same message as the 0420 (same STAN
   * and field 7) except for the MTI. Answered with 0430 like the 0420.
   */
  public static final String REVERSAL_ADVICE_REPEAT = "0421";

  public static final String REVERSAL_ADVICE_RESPONSE = "0430";

  private Mti() {}
}
