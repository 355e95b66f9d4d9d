package com.kippu.iso8583;

/** Network management information codes (ISO 8583:1987 field 70, n3) sent in 0800. */
public final class NetworkManagementCode {
  public static final String SIGN_ON = "001";

  public static final String SIGN_OFF = "002";

  /** Key change: the host sends new working keys (TPK, TAK) under the terminal master key. */
  public static final String KEY_CHANGE = "161";

  /** Echo test: proves the link and the host application are alive; changes no state. */
  public static final String ECHO_TEST = "301";

  private NetworkManagementCode() {}
}
