package com.kippu.iso8583;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** The fixed messages whose wire images are committed under {@code golden/}. */
final class GoldenMessages {
  private GoldenMessages() {}

  static ISOMsg accountTransfer() throws ISOException {
    ISOMsg m = new ISOMsg(Mti.FINANCIAL_REQUEST);
    m.set(Field.PROCESSING_CODE, ProcessingCode.ACCOUNT_TRANSFER);
    m.set(Field.AMOUNT, "000000008800");
    m.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
    m.set(Field.STAN, "000042");
    m.set(Field.LOCAL_TIME, "103000");
    m.set(Field.LOCAL_DATE, "0401");
    m.set(Field.ACQUIRER_ID, "0001");
    m.set(Field.RRN, "509101000042");
    m.set(Field.TERMINAL_ID, "ATM00001");
    m.set(Field.CARD_ACCEPTOR_ID, "KIPPU-BRANCH-01");
    m.set(Field.CURRENCY, BankHostLink.CURRENCY_JPY);
    m.set(Field.FROM_ACCOUNT, "0001-001-1234567");
    m.set(Field.TO_ACCOUNT, "0009-100-7654321");
    return m;
  }

  static ISOMsg echoTest() throws ISOException {
    ISOMsg m = new ISOMsg(Mti.NETWORK_MANAGEMENT_REQUEST);
    m.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
    m.set(Field.STAN, "000041");
    m.set(Field.TERMINAL_ID, "ATM00001");
    m.set(Field.NETWORK_MANAGEMENT_CODE, NetworkManagementCode.ECHO_TEST);
    return m;
  }
}
