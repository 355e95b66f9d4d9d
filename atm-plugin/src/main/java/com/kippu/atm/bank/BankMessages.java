package com.kippu.atm.bank;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.CashDepositRequest;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.iso8583.BankHostLink;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.LinkMessage;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ProcessingCode;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Builds the terminal's requests field by field as the spec pages of iso8583-specs define them.
 * Holds only the terminal's identity; every message gets its own {@link Transmission}.
 */
final class BankMessages {
  private final BankLinkConfig config;

  /** Field 42: the card acceptor id, space padded to 15. */
  private final String cardAcceptorId;

  BankMessages(BankLinkConfig config) {
    this.config = config;
    this.cardAcceptorId = String.format("%-15s", config.cardAcceptorId());
  }

  /** 0800 echo test; field 41 is sent so the reply can be matched by terminal and STAN. */
  ISOMsg echo(Transmission t) throws ISOException {
    return networkManagement(t, NetworkManagementCode.ECHO_TEST);
  }

  /** 0800 with network management code {@code code} (sign-on, key change, echo). */
  ISOMsg networkManagement(Transmission t, String code) throws ISOException {
    ISOMsg m = new LinkMessage(Mti.NETWORK_MANAGEMENT_REQUEST);
    m.set(Field.TRANSMISSION_DATE_TIME, t.dateTime());
    m.set(Field.STAN, t.stan().value());
    m.set(Field.TERMINAL_ID, config.terminalId());
    m.set(Field.NETWORK_MANAGEMENT_CODE, code);
    return m;
  }

  /**
   * 0100 authorization: a debit with PIN block (52) and payee (103) on the bank host link, a credit
   * or prepaid authorization on the card network link. Field 2 is the only place the full card
   * number goes.
   */
  ISOMsg authorization(AuthorizationRequest request, Transmission t) throws ISOException {
    ISOMsg m = new LinkMessage(Mti.AUTHORIZATION_REQUEST);
    m.set(Field.PAN, request.card().value());
    m.set(Field.PROCESSING_CODE, processingCode(request.kind()));
    m.set(Field.AMOUNT, amount(request.amount()));
    m.set(Field.TRANSMISSION_DATE_TIME, t.dateTime());
    m.set(Field.STAN, t.stan().value());
    m.set(Field.LOCAL_TIME, t.localTime());
    m.set(Field.LOCAL_DATE, t.localDate());
    m.set(Field.EXPIRATION_DATE, request.expiry().yymm());
    m.set(Field.ACQUIRER_ID, config.acquirerId());
    m.set(Field.RRN, t.retrievalReference());
    m.set(Field.TERMINAL_ID, config.terminalId());
    m.set(Field.CARD_ACCEPTOR_ID, cardAcceptorId());
    m.set(Field.CURRENCY, BankHostLink.CURRENCY_JPY);
    if (request.kind() == AuthorizationRequest.Kind.DEBIT) {
      m.set(Field.PIN_BLOCK, request.pin().encrypted());
      m.set(Field.TO_ACCOUNT, request.payee().value());
    }
    return m;
  }

  /** Field 3 of an authorization of {@code kind}. */
  static String processingCode(AuthorizationRequest.Kind kind) {
    return switch (kind) {
      case DEBIT -> ProcessingCode.DEBIT_PURCHASE;
      case CREDIT -> ProcessingCode.CREDIT_PURCHASE;
      case PREPAID -> ProcessingCode.PREPAID_PURCHASE;
    };
  }

  /**
   * 0200 account transfer: the cash card (2) and its PIN block (52, ISO 9564 format 0 under the
   * TPK) prove the customer holds account 102; field 4 in whole yen (JPY has no minor unit), 103
   * to. Field 2 rather than a track 2 (35): an IC card yields no track, only its account.
   */
  ISOMsg transfer(TransferRequest request, Transmission t) throws ISOException {
    ISOMsg m = new LinkMessage(Mti.FINANCIAL_REQUEST);
    m.set(Field.PAN, request.card().value());
    m.set(Field.PROCESSING_CODE, ProcessingCode.ACCOUNT_TRANSFER);
    m.set(Field.AMOUNT, amount(request.amount()));
    m.set(Field.TRANSMISSION_DATE_TIME, t.dateTime());
    m.set(Field.STAN, t.stan().value());
    m.set(Field.LOCAL_TIME, t.localTime());
    m.set(Field.LOCAL_DATE, t.localDate());
    m.set(Field.ACQUIRER_ID, config.acquirerId());
    m.set(Field.RRN, t.retrievalReference());
    m.set(Field.TERMINAL_ID, config.terminalId());
    m.set(Field.CARD_ACCEPTOR_ID, cardAcceptorId());
    m.set(Field.CURRENCY, BankHostLink.CURRENCY_JPY);
    m.set(Field.PIN_BLOCK, request.pin().encrypted());
    m.set(Field.FROM_ACCOUNT, request.from().value());
    m.set(Field.TO_ACCOUNT, request.to().value());
    return m;
  }

  /**
   * 0200 cash deposit credit: the price taken in cash at this terminal (4) credited to the issuer's
   * account (103); no card, no PIN block, no from-account (spec page 0200-cash-deposit).
   */
  ISOMsg cashDeposit(CashDepositRequest request, Transmission t) throws ISOException {
    ISOMsg m = new LinkMessage(Mti.FINANCIAL_REQUEST);
    m.set(Field.PROCESSING_CODE, ProcessingCode.CASH_DEPOSIT);
    m.set(Field.AMOUNT, amount(request.amount()));
    m.set(Field.TRANSMISSION_DATE_TIME, t.dateTime());
    m.set(Field.STAN, t.stan().value());
    m.set(Field.LOCAL_TIME, t.localTime());
    m.set(Field.LOCAL_DATE, t.localDate());
    m.set(Field.ACQUIRER_ID, config.acquirerId());
    m.set(Field.RRN, t.retrievalReference());
    m.set(Field.TERMINAL_ID, config.terminalId());
    m.set(Field.CARD_ACCEPTOR_ID, cardAcceptorId());
    m.set(Field.CURRENCY, BankHostLink.CURRENCY_JPY);
    m.set(Field.TO_ACCOUNT, request.to().value());
    return m;
  }

  /**
   * 0420 reversal of an earlier 0200 or 0100, or 0421 when repeated. It is a transmission of its
   * own (its own STAN and field 7, the same for every repeat); the original is named in field 90,
   * and 37 repeats the original RRN.
   */
  ISOMsg reversal(PendingReversal r, Transmission t) throws ISOException {
    ISOMsg m = new LinkMessage(r.mti());
    m.set(Field.PROCESSING_CODE, r.processingCode());
    m.set(Field.AMOUNT, amount(r.amount()));
    m.set(Field.TRANSMISSION_DATE_TIME, t.dateTime());
    m.set(Field.STAN, t.stan().value());
    m.set(Field.LOCAL_TIME, t.localTime());
    m.set(Field.LOCAL_DATE, t.localDate());
    m.set(Field.ACQUIRER_ID, config.acquirerId());
    m.set(Field.RRN, r.rrn());
    m.set(Field.TERMINAL_ID, config.terminalId());
    m.set(Field.CARD_ACCEPTOR_ID, cardAcceptorId());
    m.set(Field.CURRENCY, BankHostLink.CURRENCY_JPY);
    m.set(
        Field.ORIGINAL_DATA_ELEMENTS,
        originalDataElements(r.originalMti(), r.originalStan().value(), r.originalDateTime()));
    if (r.from() != null) {
      m.set(Field.FROM_ACCOUNT, r.from().value());
    }
    if (r.to() != null) {
      m.set(Field.TO_ACCOUNT, r.to().value());
    }
    return m;
  }

  /**
   * Field 90 (n42, ISO 8583:1987): original MTI (4), STAN (6), transmission date and time (10),
   * acquiring institution id (11, zero filled) and forwarding institution id (11, zeros: none).
   */
  private String originalDataElements(
      String originalMti, String originalStan, String originalDateTime) {
    return originalMti
        + originalStan
        + originalDateTime
        + String.format("%011d", Long.parseLong(config.acquirerId()))
        + "0".repeat(11);
  }

  private String cardAcceptorId() {
    return cardAcceptorId;
  }

  /** Field 4: whole yen, zero filled to 12 digits. */
  static String amount(Money amount) {
    return zeroPadded(amount.yen(), 12);
  }

  /**
   * {@code value} in decimal, zero filled to {@code width} digits, as {@code %0<width>d} formats it
   * (a value that does not fit comes out longer, and the spec check refuses it).
   */
  static String zeroPadded(long value, int width) {
    String digits = Long.toString(value);
    if (value < 0) {
      return String.format("%0" + width + "d", value);
    }
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }
}
