package com.kippu.iso8583;

/** Data element numbers of both links, named so code reads as the spec pages do. */
public final class Field {
  public static final int PAN = 2;
  public static final int PROCESSING_CODE = 3;
  public static final int AMOUNT = 4;
  public static final int TRANSMISSION_DATE_TIME = 7;
  public static final int STAN = 11;
  public static final int LOCAL_TIME = 12;
  public static final int LOCAL_DATE = 13;
  public static final int EXPIRATION_DATE = 14;
  public static final int ACQUIRER_ID = 32;
  public static final int RRN = 37;
  public static final int APPROVAL_CODE = 38;
  public static final int RESPONSE_CODE = 39;
  public static final int TERMINAL_ID = 41;
  public static final int CARD_ACCEPTOR_ID = 42;
  public static final int ADDITIONAL_DATA = 48;
  public static final int CURRENCY = 49;
  public static final int PIN_BLOCK = 52;
  public static final int MAC = 64;
  public static final int NETWORK_MANAGEMENT_CODE = 70;
  public static final int ORIGINAL_DATA_ELEMENTS = 90;
  public static final int FROM_ACCOUNT = 102;
  public static final int TO_ACCOUNT = 103;
  public static final int MAC_SECONDARY = 128;

  private Field() {}
}
