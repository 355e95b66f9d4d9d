package com.kippu.simulator.bank;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jpos.iso.ISOMsg;
import org.jpos.util.LogEvent;
import org.jpos.util.LogListener;

/**
 * Forwards jPOS server events (session start/end, unreadable frames) to java.util.logging. An ISO
 * message in an event is reduced to its MTI, and text (jPOS adds hex dumps of unreadable frames) is
 * cut to its first line with every run of five or more digits blanked: card numbers, account
 * numbers and PIN data must never reach a log.
 */
final class JulLogListener implements LogListener {
  private static final Logger LOG = Logger.getLogger("com.kippu.simulator.bank.jpos");

  private static final Set<String> WARNINGS =
      Set.of("warn", "error", "session-error", "ISOException", "VetoException");

  @Override
  public LogEvent log(LogEvent ev) {
    boolean failure =
        WARNINGS.contains(ev.getTag())
            || ev.getPayLoad().stream().anyMatch(Throwable.class::isInstance);
    Level level = failure ? Level.WARNING : Level.FINE;
    if (LOG.isLoggable(level)) {
      StringBuilder text = new StringBuilder(ev.getRealm() + " " + ev.getTag());
      for (Object item : ev.getPayLoad()) {
        text.append(" | ").append(safe(item));
      }
      LOG.log(level, text.toString());
    }
    return ev;
  }

  private static String safe(Object item) {
    if (item instanceof ISOMsg m) {
      return "ISOMsg mti=" + m.getString(0);
    }
    if (item instanceof Throwable t) {
      return t.getClass().getSimpleName() + ": " + redact(t.getMessage());
    }
    return redact(String.valueOf(item));
  }

  /** First line only, at most 160 characters, digit runs of five or more blanked. */
  static String redact(String text) {
    if (text == null) {
      return "";
    }
    String first = text.lines().findFirst().orElse("");
    if (first.length() > 160) {
      first = first.substring(0, 160) + "...";
    }
    return first.replaceAll("\\d{5,}", "#####").replaceAll("[^\\x20-\\x7E]", "?");
  }
}
