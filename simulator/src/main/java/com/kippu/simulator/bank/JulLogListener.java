package com.kippu.simulator.bank;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jpos.iso.ISOMsg;
import org.jpos.util.LogEvent;
import org.jpos.util.LogListener;

/**
 * Forwards jPOS server events (session start/end, unreadable frames) to java.util.logging. An ISO
 * message in an event is reduced to its MTI: its account fields must never reach a log.
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
      return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
    return String.valueOf(item);
  }
}
