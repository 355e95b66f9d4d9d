package com.kippu.iso8583.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link MessageSpec} as its Markdown spec page. The committed pages under {@code
 * iso8583-specs/docs/<link>/} are this output; a test regenerates and compares them.
 */
public final class SpecPages {
  private SpecPages() {}

  /**
   * Relative path of the page under {@code docs/}, e.g. {@code bank-host/0200-account-transfer.md}.
   */
  public static String path(MessageSpec spec) {
    return spec.link().slug() + "/" + spec.id() + ".md";
  }

  public static String render(MessageSpec spec) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(spec.title()).append("\n\n");
    b.append("<!-- Generated from com.kippu.iso8583.spec.Specs; edit there, not here. -->\n\n");
    b.append(spec.summary()).append("\n\n");
    side(b, spec.request());
    side(b, spec.response());
    b.append(
        "Fields not listed are not allowed. M mandatory, C conditional (condition given),"
            + " O optional.\n\n");
    codes(
        b,
        "Processing codes (field 3)",
        spec.processingCodes(),
        "Positions 1-2 transaction type, 3-4 from-account type, 5-6 to-account type (00"
            + " unspecified, 10 savings, 30 credit, 60 stored value).");
    codes(b, "Network management information codes (field 70)", spec.networkCodes(), "");
    codes(b, "Response codes (field 39)", spec.responseCodes(), "");
    if (!spec.notes().isEmpty()) {
      b.append("## Notes\n\n").append(spec.notes()).append("\n");
    }
    return b.toString().stripTrailing() + "\n";
  }

  private static void side(StringBuilder b, MessageSide side) {
    String mtis = side.mtis().stream().sorted().collect(Collectors.joining(" / "));
    b.append("## ").append(mtis).append(" (").append(side.direction()).append(")\n\n");
    b.append("| field | name | format | M/C/O | condition | meaning |\n");
    b.append("|---|---|---|---|---|---|\n");
    b.append("| 0 | message type indicator | n4 | M | | `").append(mtis).append("` |\n");
    for (FieldRule r : side.fields()) {
      DataElement e = r.element();
      String meaning = r.meaning();
      if (!r.values().isEmpty() && !meaning.contains("below")) {
        meaning +=
            " (only "
                + r.values().stream()
                    .sorted()
                    .map(v -> "`" + v + "`")
                    .collect(Collectors.joining(", "))
                + ")";
      }
      b.append("| ")
          .append(r.field())
          .append(" | ")
          .append(e.name())
          .append(" | ")
          .append(e.format().notation())
          .append(" | ")
          .append(r.presence().letter())
          .append(" | ")
          .append(r.condition() == null ? "" : r.condition().text())
          .append(" | ")
          .append(meaning)
          .append(" |\n");
    }
    b.append("\n");
  }

  private static void codes(StringBuilder b, String title, List<CodeRow> rows, String intro) {
    if (rows.isEmpty()) {
      return;
    }
    b.append("## ").append(title).append("\n\n");
    if (!intro.isEmpty()) {
      b.append(intro).append("\n\n");
    }
    b.append("| code | name | when |\n|---|---|---|\n");
    for (CodeRow r : rows) {
      b.append("| ")
          .append(r.code())
          .append(" | ")
          .append(r.name())
          .append(" | ")
          .append(r.meaning())
          .append(" |\n");
    }
    b.append("\n");
  }
}
