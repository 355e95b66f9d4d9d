package com.kippu.simulator.bank;

import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies a {@link WarningBudget} to the jPOS server's per-session warnings (unreadable frames),
 * keyed by session; when a session ends, says how many of its warnings were left out.
 */
final class SessionWarningGuard implements org.jpos.util.LogListener {
  private static final Logger LOG = Logger.getLogger(LinkHost.class.getName());

  private static final Set<String> WARNINGS = Set.of("warn", "error", "ISOException");

  /** Far more than the sessions a host serves at once. */
  static final int SESSIONS_TRACKED = 1_000;

  // Keyed by the session's name: jPOS logs session-end on the usual ends, but not when a
  // disconnect listener fails, so the map is bounded as well.
  private final WarningBudget budget = WarningBudget.bounded(SESSIONS_TRACKED);

  @Override
  public org.jpos.util.LogEvent log(org.jpos.util.LogEvent ev) {
    String session = ev.getRealm();
    if (session == null || !session.contains(".session/")) {
      return ev;
    }
    if ("session-end".equals(ev.getTag())) {
      long total = budget.forget(session);
      if (total > WarningBudget.IN_FULL) {
        LOG.warning(
            () ->
                session
                    + " ended after "
                    + total
                    + " warnings; "
                    + (total - WarningBudget.IN_FULL)
                    + " of them were only counted");
      }
      return ev;
    }
    if (!WARNINGS.contains(ev.getTag())) {
      return ev;
    }
    long n = budget.next(session);
    if (WarningBudget.inFull(n)) {
      if (n == WarningBudget.IN_FULL) {
        ev.addMessage("further warnings of this session are only counted");
      }
      return ev;
    }
    if (WarningBudget.milestone(n)) {
      LOG.warning(() -> session + ": " + n + " warnings so far, the first ones logged in full");
    }
    return null;
  }
}
