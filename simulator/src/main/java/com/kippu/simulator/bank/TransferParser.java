package com.kippu.simulator.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.iso8583.BankHostLink;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.ProcessingCode;
import com.kippu.iso8583.ResponseCode;
import org.jpos.iso.ISOMsg;

/**
 * Reads the bank host link's money messages (0200 transfer and deposit, 0100 debit, 0420/0421) once
 * they passed the spec validator: what is left to refuse is meaning, not form. Missing or
 * ill-formed fields are a format error (30); a well-formed request the host does not do is 12.
 */
final class TransferParser {
  private static final int[] KEY_FIELDS = {
    Field.PROCESSING_CODE,
    Field.AMOUNT,
    Field.TRANSMISSION_DATE_TIME,
    Field.STAN,
    Field.TERMINAL_ID,
    Field.CURRENCY,
    Field.TO_ACCOUNT
  };

  private TransferParser() {}

  /** The transfer a 0200 with processing code 401000 asks for. */
  static Transfer transfer(ISOMsg m) throws Refusal {
    requireFields(m, KEY_FIELDS);
    return read(m, key(m), Transfer.Kind.TRANSFER);
  }

  /**
   * The movement a 0200 asks for: transfer (401000, with its cash card in 2 and PIN block in 52,
   * see {@link #card}) or cash deposit (210000).
   */
  static Transfer financial(ISOMsg m) throws Refusal {
    requireFields(m, KEY_FIELDS);
    Transfer t = read(m, key(m), kind(m.getString(Field.PROCESSING_CODE)));
    if (t.kind() == Transfer.Kind.TRANSFER) {
      requireFields(m, new int[] {Field.PAN, Field.PIN_BLOCK});
    }
    return t;
  }

  /** The debit a 0100 asks for, without its card (see {@link #card}). */
  static Transfer debit(ISOMsg m) throws Refusal {
    requireFields(m, KEY_FIELDS);
    requireFields(m, new int[] {Field.PAN, Field.EXPIRATION_DATE, Field.PIN_BLOCK});
    return read(m, key(m), Transfer.Kind.DEBIT);
  }

  static CardNumber card(ISOMsg m) throws Refusal {
    try {
      return new CardNumber(m.getString(Field.PAN));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new Refusal(ResponseCode.FORMAT_ERROR, "field 2 is not a card number");
    }
  }

  /** The original movement a 0420 names in field 90, as the reversal describes it. */
  static Transfer reversedTransfer(ISOMsg m) throws Refusal {
    requireFields(m, KEY_FIELDS);
    requireFields(m, new int[] {Field.ORIGINAL_DATA_ELEMENTS});
    // Field 90: original MTI (4), STAN (6), transmission date and time (10), institutions (22).
    String original = m.getString(Field.ORIGINAL_DATA_ELEMENTS);
    if (!original.matches("\\d{42}")) {
      throw new Refusal(ResponseCode.FORMAT_ERROR, "field 90 must be 42 digits");
    }
    Transfer.Kind kind = kind(m.getString(Field.PROCESSING_CODE));
    String expectedMti =
        kind == Transfer.Kind.DEBIT ? Mti.AUTHORIZATION_REQUEST : Mti.FINANCIAL_REQUEST;
    if (!original.startsWith(expectedMti)) {
      throw new Refusal(
          ResponseCode.INVALID_TRANSACTION, "field 90 names an MTI field 3 does not reverse");
    }
    TransmissionKey key =
        new TransmissionKey(
            m.getString(Field.TERMINAL_ID), original.substring(4, 10), original.substring(10, 20));
    return read(m, key, kind);
  }

  /** The key of the request itself, when fields 41, 11 and 7 are all there. */
  static TransmissionKey key(ISOMsg m) throws Refusal {
    requireFields(m, new int[] {Field.TERMINAL_ID, Field.STAN, Field.TRANSMISSION_DATE_TIME});
    return new TransmissionKey(
        m.getString(Field.TERMINAL_ID),
        m.getString(Field.STAN),
        m.getString(Field.TRANSMISSION_DATE_TIME));
  }

  private static Transfer.Kind kind(String processingCode) throws Refusal {
    if (ProcessingCode.ACCOUNT_TRANSFER.equals(processingCode)) {
      return Transfer.Kind.TRANSFER;
    }
    if (ProcessingCode.CASH_DEPOSIT.equals(processingCode)) {
      return Transfer.Kind.DEPOSIT;
    }
    if (ProcessingCode.DEBIT_PURCHASE.equals(processingCode)) {
      return Transfer.Kind.DEBIT;
    }
    throw new Refusal(ResponseCode.INVALID_TRANSACTION, "processing code not supported");
  }

  private static Transfer read(ISOMsg m, TransmissionKey key, Transfer.Kind kind) throws Refusal {
    if (!BankHostLink.CURRENCY_JPY.equals(m.getString(Field.CURRENCY))) {
      throw new Refusal(ResponseCode.INVALID_TRANSACTION, "only JPY (392) is supported");
    }
    long amount = amount(m.getString(Field.AMOUNT));
    AccountNumber to = account(m.getString(Field.TO_ACCOUNT), "103");
    AccountNumber from = null;
    if (kind == Transfer.Kind.TRANSFER) {
      from = account(m.getString(Field.FROM_ACCOUNT), "102");
      if (from.equals(to)) {
        throw new Refusal(ResponseCode.INVALID_TRANSACTION, "from and to account are the same");
      }
    }
    return new Transfer(key, kind, from, to, amount);
  }

  private static long amount(String field4) throws Refusal {
    if (field4 == null || !field4.matches("\\d{12}") || Long.parseLong(field4) == 0) {
      throw new Refusal(ResponseCode.FORMAT_ERROR, "field 4 must be a positive n12 amount");
    }
    return Long.parseLong(field4);
  }

  private static AccountNumber account(String value, String field) throws Refusal {
    try {
      return new AccountNumber(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new Refusal(ResponseCode.FORMAT_ERROR, "field " + field + " is not an account number");
    }
  }

  private static void requireFields(ISOMsg m, int[] fields) throws Refusal {
    for (int f : fields) {
      if (!m.hasField(f)) {
        throw new Refusal(ResponseCode.FORMAT_ERROR, "field " + f + " missing");
      }
    }
  }
}
