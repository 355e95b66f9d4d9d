package com.kippu.simulator.ops;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The reconciliation as an operator prints it: the differences, then the counts. */
public final class ReconciliationReport {
  private ReconciliationReport() {}

  /** Every difference (and with {@code all}, every match too), then one line of counts. */
  public static List<String> print(
      String terminalId, LocalDate day, List<Reconciliation.Line> lines, boolean all) {
    List<String> out = new ArrayList<>();
    out.add("RECONCILIATION  terminal " + terminalId + "  " + day);
    out.add("journal <-> host transaction logs <-> center sales, per payment reference");
    out.add("-".repeat(78));
    int matched = 0;
    int explained = 0;
    int unexplained = 0;
    for (Reconciliation.Line l : lines) {
      switch (l.verdict()) {
        case MATCHED -> matched++;
        case EXPLAINED -> explained++;
        case UNEXPLAINED -> unexplained++;
      }
      if (l.verdict() == Reconciliation.Verdict.MATCHED && !all) {
        continue;
      }
      out.add(l.verdict() + "  " + l.reference() + "  (" + l.explanation() + ")");
      out.add("    session  " + l.session());
      out.add("    terminal " + l.terminal());
      out.add("    host     " + l.rail());
      out.add("    center   " + l.center());
    }
    out.add("-".repeat(78));
    out.add(
        String.format(
            "payments %d: matched %d, explained %d, UNEXPLAINED %d",
            lines.size(), matched, explained, unexplained));
    return out;
  }
}
