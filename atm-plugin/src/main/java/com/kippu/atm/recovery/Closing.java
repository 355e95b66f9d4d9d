package com.kippu.atm.recovery;

import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.recovery.PurchaseRecovery.Action;
import com.kippu.atm.recovery.PurchaseRecovery.Recovered;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * How a recovered session ends in the journal: closed with its action, left to staff (final, not
 * retried), or left open for the next start with the reason. Every entry carries the session's
 * facts, since the next start reads the last entry only.
 */
final class Closing {
  private static final Logger LOG = Logger.getLogger(PurchaseRecovery.class.getName());

  private final Journal journal;

  Closing(Journal journal) {
    this.journal = journal;
  }

  Recovered close(
      PurchaseSession s, String flow, Map<String, String> extra, Action action, String detail) {
    Map<String, String> f = new TreeMap<>(s.facts());
    f.putAll(extra);
    PurchaseRecovery.ACTION.put(f, action.name());
    journal.record(s.id(), flow, PurchaseRecovery.RECOVERED, f);
    return new Recovered(s.id(), action, detail);
  }

  Recovered staff(PurchaseSession s, String flow, Map<String, String> extra, String detail) {
    LOG.severe("session " + s.id() + " needs staff: " + detail);
    Map<String, String> f = new TreeMap<>(extra);
    PurchaseRecovery.STAFF.put(f, detail);
    return close(s, flow, f, Action.NEEDS_STAFF, detail);
  }

  Recovered retry(PurchaseSession s, String flow, String detail) {
    Map<String, String> f = new TreeMap<>(s.facts());
    f.put("reason", detail);
    journal.record(s.id(), flow, "Recovery.retry-later", f);
    return new Recovered(s.id(), Action.RETRY_LATER, detail);
  }
}
