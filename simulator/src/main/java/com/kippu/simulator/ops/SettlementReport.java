package com.kippu.simulator.ops;

import com.kippu.center.db.SqliteDatabase;
import com.kippu.center.issuer.sql.SqlIssuerAccountRepository;
import com.kippu.center.settlement.PaymentRecord;
import com.kippu.center.settlement.Settlement;
import com.kippu.center.settlement.SettlementService;
import com.kippu.center.settlement.sql.SqlSettlementRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The month's settlement of a branch's center, computed by the center's own settlement service: per
 * issuer, what the operator collected (and pays on, less its fee) and what the issuer received
 * directly (on which the operator's fee is receivable), with the payments behind each line; checked
 * against the sales the reconciliation matched for the same days.
 */
public final class SettlementReport {
  /** The statement, the payments behind it, and the reconciled sales of the period. */
  public record Statement(
      YearMonth period,
      List<Settlement> lines,
      List<PaymentRecord> payments,
      long reconciledSalesYen) {

    public long salesYen() {
      return lines.stream().mapToLong(Settlement::salesYen).sum();
    }

    /** Whether the settled sales are the reconciled ones, to the yen. */
    public boolean agrees() {
      return salesYen() == reconciledSalesYen;
    }
  }

  private SettlementReport() {}

  /** Settles {@code period} from the center file of {@code branchDir}. */
  public static Statement settle(Path branchDir, String terminalId, ZoneId zone, YearMonth period) {
    Path centerFile = branchDir.resolve("issuer-center.db");
    if (!Files.isRegularFile(centerFile)) {
      throw new IllegalArgumentException("no center database at " + centerFile);
    }
    try (SqliteDatabase db = SqliteDatabase.open(centerFile, 1, Duration.ofSeconds(10))) {
      var accounts = new SqlIssuerAccountRepository(db);
      return settle(
          branchDir,
          terminalId,
          zone,
          period,
          new SettlementService(new SqlSettlementRepository(db), accounts, zone));
    }
  }

  /**
   * Settles {@code period} through {@code service}: the running center's own (its file is locked
   * while it runs), or one over the stopped center's file.
   */
  public static Statement settle(
      Path branchDir, String terminalId, ZoneId zone, YearMonth period, SettlementService service) {
    List<Settlement> lines = service.settle(period);
    List<PaymentRecord> payments = new ArrayList<>();
    for (Settlement s : lines) {
      payments.addAll(service.payments(s.issuerId(), period));
    }
    return new Statement(
        period, lines, payments, reconciledSales(branchDir, terminalId, zone, period));
  }

  /** The sales standing on every day of the period, by reconciliation. */
  private static long reconciledSales(
      Path branchDir, String terminalId, ZoneId zone, YearMonth period) {
    if (!Files.isRegularFile(branchDir.resolve("journal.db"))) {
      return 0;
    }
    Reconciliation reconciliation = new Reconciliation(branchDir, terminalId, zone);
    long sum = 0;
    for (LocalDate d = period.atDay(1); !d.isAfter(period.atEndOfMonth()); d = d.plusDays(1)) {
      for (Reconciliation.Line l : reconciliation.run(d)) {
        // A sale stands where the center sold and the difference, if any, is explained (a staff
        // case whose ticket stands, e.g. change owed, is still a sale).
        if (l.sold() && l.verdict() != Reconciliation.Verdict.UNEXPLAINED) {
          sum += l.amountYen();
        }
      }
    }
    return sum;
  }

  /**
   * The statement as an operator prints it: per issuer, the money each side received, then the two
   * payments it makes between operator and issuer (payable, fee receivable) and what they net to.
   */
  public static List<String> print(Statement s) {
    List<String> out = new ArrayList<>();
    out.add("SETTLEMENT  " + s.period() + "  (who received the money decides who pays whom)");
    out.add("=".repeat(78));
    for (Settlement l : s.lines()) {
      out.add(l.issuerName() + " (" + l.issuerId().value() + ")  fee " + l.feeBps() + " bp");
      out.add(String.format("  sales               %3d  JPY %,12d", l.payments(), l.salesYen()));
      out.add(String.format("  collected by operator    JPY %,12d", l.collectedYen()));
      out.add(String.format("  received by issuer       JPY %,12d", l.receivedByIssuerYen()));
      out.add(
          String.format(
              "  payable to issuer        JPY %,12d  (collected less the fee on it, JPY %,d)",
              l.payableYen(), l.feeOnCollectedYen()));
      out.add(
          String.format(
              "  fee receivable           JPY %,12d  (the fee on what the issuer received)",
              l.feeReceivableYen()));
      out.add(
          String.format(
              "  net payable to issuer    JPY %,12d  (%s)",
              l.netPayableYen(),
              l.netPayableYen() >= 0
                  ? "payable less fee receivable"
                  : "negative: the issuer owes the operator"));
    }
    out.add("=".repeat(78));
    out.add(
        String.format(
            "settled sales JPY %,d; reconciled sales JPY %,d: %s",
            s.salesYen(), s.reconciledSalesYen(), s.agrees() ? "equal" : "DIFFERENT"));
    return out;
  }
}
