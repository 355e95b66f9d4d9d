package com.kippu.iso8583.spec;

import static com.kippu.iso8583.spec.Charset.AN;
import static com.kippu.iso8583.spec.Charset.ANS;
import static com.kippu.iso8583.spec.Charset.B;
import static com.kippu.iso8583.spec.Charset.N;

import com.kippu.iso8583.Field;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The data element dictionary shared by both links: every field either packager XML defines, with
 * the character set the XML cannot express (an versus ans). A test checks lengths and prefixes
 * against both XML files, so the dictionary, the packagers and the spec pages agree.
 */
public final class DataElements {
  private static final Map<Integer, DataElement> ALL = new TreeMap<>();

  static {
    add(0, "message type indicator", FieldFormat.fixed(N, 4));
    add(Field.PAN, "primary account number", FieldFormat.ll(N, 19));
    add(Field.PROCESSING_CODE, "processing code", FieldFormat.fixed(N, 6));
    add(Field.AMOUNT, "amount, transaction", FieldFormat.fixed(N, 12));
    add(Field.TRANSMISSION_DATE_TIME, "transmission date and time", FieldFormat.fixed(N, 10));
    add(Field.STAN, "system trace audit number", FieldFormat.fixed(N, 6));
    add(Field.LOCAL_TIME, "time, local transaction", FieldFormat.fixed(N, 6));
    add(Field.LOCAL_DATE, "date, local transaction", FieldFormat.fixed(N, 4));
    add(Field.EXPIRATION_DATE, "date, expiration", FieldFormat.fixed(N, 4));
    add(Field.ACQUIRER_ID, "acquiring institution id code", FieldFormat.ll(N, 11));
    add(Field.RRN, "retrieval reference number", FieldFormat.fixed(AN, 12));
    add(Field.APPROVAL_CODE, "authorization id response", FieldFormat.fixed(AN, 6));
    add(Field.RESPONSE_CODE, "response code", FieldFormat.fixed(AN, 2));
    add(Field.TERMINAL_ID, "card acceptor terminal id", FieldFormat.fixed(ANS, 8));
    add(Field.CARD_ACCEPTOR_ID, "card acceptor id code", FieldFormat.fixed(ANS, 15));
    add(Field.ADDITIONAL_DATA, "additional data, private", FieldFormat.lll(ANS, 999));
    add(Field.CURRENCY, "currency code, transaction", FieldFormat.fixed(AN, 3));
    add(Field.PIN_BLOCK, "PIN data", FieldFormat.fixed(B, 8));
    add(Field.MAC, "message authentication code", FieldFormat.fixed(B, 8));
    add(
        Field.NETWORK_MANAGEMENT_CODE,
        "network management information code",
        FieldFormat.fixed(N, 3));
    add(Field.ORIGINAL_DATA_ELEMENTS, "original data elements", FieldFormat.fixed(N, 42));
    add(Field.FROM_ACCOUNT, "account identification 1", FieldFormat.ll(ANS, 28));
    add(Field.TO_ACCOUNT, "account identification 2", FieldFormat.ll(ANS, 28));
    add(Field.MAC_SECONDARY, "message authentication code (secondary)", FieldFormat.fixed(B, 8));
  }

  private DataElements() {}

  private static void add(int number, String name, FieldFormat format) {
    ALL.put(number, new DataElement(number, name, format));
  }

  /** The element numbered {@code number}, if either link defines it. */
  public static Optional<DataElement> find(int number) {
    return Optional.ofNullable(ALL.get(number));
  }

  /**
   * The element numbered {@code number}.
   *
   * @throws IllegalArgumentException when no link defines it
   */
  public static DataElement of(int number) {
    return find(number)
        .orElseThrow(() -> new IllegalArgumentException("no data element " + number));
  }

  /** All elements, by number. */
  public static Map<Integer, DataElement> all() {
    return java.util.Collections.unmodifiableMap(ALL);
  }
}
