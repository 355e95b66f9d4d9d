package com.kippu.center.settlement;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Settlement statements as CSV a back office opens in a spreadsheet: RFC 4180 (CRLF, fields quoted
 * when needed), UTF-8 with a byte-order mark so issuer names in Japanese display correctly, amounts
 * as plain integer yen. The summary's payable and fee receivable columns come after the net one, so
 * a sheet that reads the earlier columns by position reads the same figures as before.
 */
public final class SettlementCsv {
  private static final String BOM = "\uFEFF";
  private static final String CRLF = "\r\n";

  private SettlementCsv() {}

  public static byte[] summary(List<Settlement> lines) {
    StringBuilder csv = new StringBuilder(BOM);
    row(
        csv,
        "period",
        "issuer_id",
        "issuer_name",
        "payments",
        "sales_yen",
        "collected_yen",
        "received_by_issuer_yen",
        "fee_bps",
        "fee_yen",
        "net_payable_yen",
        "payable_yen",
        "fee_receivable_yen");
    for (Settlement s : lines) {
      row(
          csv,
          s.period().toString(),
          s.issuerId().value(),
          s.issuerName(),
          Integer.toString(s.payments()),
          Long.toString(s.salesYen()),
          Long.toString(s.collectedYen()),
          Long.toString(s.receivedByIssuerYen()),
          Integer.toString(s.feeBps()),
          Long.toString(s.feeYen()),
          Long.toString(s.netPayableYen()),
          Long.toString(s.payableYen()),
          Long.toString(s.feeReceivableYen()));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] payments(List<PaymentRecord> records) {
    StringBuilder csv = new StringBuilder(BOM);
    row(
        csv,
        "recorded_at",
        "issuer_id",
        "kind",
        "subject",
        "method",
        "acquirer",
        "reference",
        "received_by",
        "amount_yen");
    for (PaymentRecord p : records) {
      row(
          csv,
          p.recordedAt().toString(),
          p.issuerId().value(),
          p.kind(),
          p.subject(),
          p.method(),
          p.acquirer(),
          p.reference(),
          p.receivedBy().name(),
          Long.toString(p.amountYen()));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder csv, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(quote(fields[i]));
    }
    csv.append(CRLF);
  }

  /** Quotes a field holding a comma, quote or line break, doubling inner quotes (RFC 4180). */
  static String quote(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
