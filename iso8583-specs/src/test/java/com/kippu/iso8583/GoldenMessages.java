package com.kippu.iso8583;

import com.kippu.iso8583.security.Iso9564;
import com.kippu.iso8583.security.KeyType;
import com.kippu.iso8583.security.MessageMac;
import com.kippu.iso8583.security.SoftwareHsm;
import com.kippu.iso8583.security.StoredKey;
import com.kippu.iso8583.spec.MessageSpec;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * One example request and response per spec page, MACed under fixed test keys, whose wire images
 * are committed under {@code golden/<link>/<id>-request.hex} and {@code -response.hex}.
 */
final class GoldenMessages {
  static final HexFormat HEX = HexFormat.of().withUpperCase();
  static final SoftwareHsm HSM =
      SoftwareHsm.withLmk(HEX.parseHex("0101010101010101FEFEFEFEFEFEFEFE"), new SecureRandom());
  static final StoredKey TMK =
      HSM.importClear(KeyType.TMK, HEX.parseHex("0123456789ABCDEFFEDCBA9876543210"));
  static final StoredKey TAK =
      HSM.importClear(KeyType.TAK, HEX.parseHex("89ABCDEF0123456776543210FEDCBA98"));
  static final StoredKey TPK =
      HSM.importClear(KeyType.TPK, HEX.parseHex("1C1C1C1C2A2A2A2A3D3D3D3D4F4F4F4F"));
  static final String PAN = "4980000000001234";
  static final String CASH_CARD_PAN = "000100112345671";

  private GoldenMessages() {}

  static ISOMsg request(MessageSpec spec) throws ISOException {
    ISOMsg m = build(spec, true);
    sign(spec, m);
    return m;
  }

  static ISOMsg response(MessageSpec spec) throws ISOException {
    ISOMsg m = build(spec, false);
    sign(spec, m);
    return m;
  }

  static void sign(MessageSpec spec, ISOMsg m) throws ISOException {
    boolean keyExchange =
        Mti.NETWORK_MANAGEMENT_REQUEST.equals(spec.request().mtis().iterator().next());
    MessageMac.sign(
        m,
        spec.link().packager(),
        data -> keyExchange ? HSM.keyExchangeMac(TMK, data) : HSM.mac(TAK, data));
  }

  private static ISOMsg build(MessageSpec spec, boolean request) throws ISOException {
    String mti = (request ? spec.request() : spec.response()).mtis().iterator().next();
    ISOMsg m = new ISOMsg(mti);
    switch (spec.id()) {
      case "0800-network-management" -> {
        m.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
        m.set(Field.STAN, "000041");
        m.set(Field.TERMINAL_ID, "ATM00001");
        m.set(Field.NETWORK_MANAGEMENT_CODE, NetworkManagementCode.KEY_CHANGE);
        if (!request) {
          m.set(Field.RESPONSE_CODE, "00");
          m.set(
              Field.ADDITIONAL_DATA,
              "TPK"
                  + HEX.formatHex(HSM.exportUnderTmk(TPK, TMK))
                  + TPK.checkValue()
                  + "TAK"
                  + HEX.formatHex(HSM.exportUnderTmk(TAK, TMK))
                  + TAK.checkValue());
        }
      }
      case "0200-account-transfer" -> {
        common(m, ProcessingCode.ACCOUNT_TRANSFER, request);
        if (request) {
          // The cash card PAN of account 0001-001-1234567: its 14 digits and a Luhn check digit.
          m.set(Field.PAN, CASH_CARD_PAN);
          m.set(
              Field.PIN_BLOCK,
              HSM.encryptPinBlock(TPK, Iso9564.format0("482716".toCharArray(), CASH_CARD_PAN)));
        }
        m.set(Field.FROM_ACCOUNT, "0001-001-1234567");
        m.set(Field.TO_ACCOUNT, "0009-100-7654321");
      }
      case "0200-cash-deposit" -> {
        common(m, ProcessingCode.CASH_DEPOSIT, request);
        m.set(Field.TO_ACCOUNT, "0009-100-7654321");
      }
      case "0100-debit-authorization" -> {
        common(m, ProcessingCode.DEBIT_PURCHASE, request);
        if (request) {
          m.set(Field.PAN, PAN);
          m.set(Field.EXPIRATION_DATE, "2712");
          m.set(
              Field.PIN_BLOCK,
              HSM.encryptPinBlock(TPK, Iso9564.format0("739164".toCharArray(), PAN)));
        }
        m.set(Field.TO_ACCOUNT, "0009-100-7654321");
      }
      case "0100-authorization" -> {
        common(m, ProcessingCode.CREDIT_PURCHASE, request);
        m.set(Field.CARD_ACCEPTOR_ID, "KIPPU-TICKETS  ");
        if (request) {
          m.set(Field.PAN, PAN);
          m.set(Field.EXPIRATION_DATE, "2712");
        }
      }
      case "0420-reversal", "0421-reversal-repeat" -> {
        boolean bank = spec.link() == Link.BANK_HOST;
        common(m, bank ? ProcessingCode.ACCOUNT_TRANSFER : ProcessingCode.PREPAID_PURCHASE, true);
        m.set(Field.STAN, "000043");
        m.set(
            Field.ORIGINAL_DATA_ELEMENTS,
            (bank ? "0200" : "0100") + "000042" + "0401013000" + "00000000001" + "00000000000");
        if (bank) {
          m.set(Field.FROM_ACCOUNT, "0001-001-1234567");
          m.set(Field.TO_ACCOUNT, "0009-100-7654321");
        }
        if (!request) {
          m.set(Field.RESPONSE_CODE, "00");
        }
      }
      default -> throw new IllegalArgumentException("no golden message for " + spec.id());
    }
    return m;
  }

  private static void common(ISOMsg m, String processingCode, boolean request) throws ISOException {
    m.set(Field.PROCESSING_CODE, processingCode);
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
    if (!request) {
      m.set(Field.APPROVAL_CODE, "000007");
      m.set(Field.RESPONSE_CODE, "00");
    }
  }
}
