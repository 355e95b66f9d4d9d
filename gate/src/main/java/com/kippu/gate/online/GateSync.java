package com.kippu.gate.online;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.RevocationList;
import com.kippu.atm.center.SignedDocument;
import com.kippu.gate.check.Admission;
import com.kippu.gate.check.GateStore;
import com.kippu.gate.check.TicketChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings the gate up to date when the center can be reached: the issuer key certificates of its
 * events and the newest revocation list (each kept only when the installed root key verifies it),
 * and the admissions it made offline, sent as entries so the center refuses those tickets at every
 * other gate. {@link #restore} loads what the store kept, for a gate that starts offline.
 */
public final class GateSync {
  private final CenterLink center;
  private final IssuerKeyTrust trust;
  private final TicketChecker checker;
  private final GateStore store;

  public GateSync(CenterLink center, IssuerKeyTrust trust, TicketChecker checker, GateStore store) {
    this.center = center;
    this.trust = trust;
    this.checker = checker;
    this.store = store;
  }

  /** Loads the kept certificates and revocation list; returns what was wrong with any. */
  public static List<String> restore(IssuerKeyTrust trust, TicketChecker checker, GateStore store) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<IssuerId, SignedDocument> c : store.certificates().entrySet()) {
      try {
        trust.accept(c.getValue());
      } catch (CenterException e) {
        problems.add("kept certificate of " + c.getKey() + ": " + e.getMessage());
      }
    }
    store
        .revocationList()
        .ifPresent(
            l -> {
              try {
                checker.use(RevocationList.verify(l, trust));
              } catch (CenterException e) {
                problems.add("kept revocation list: " + e.getMessage());
              }
            });
    return problems;
  }

  /**
   * One sync: certificates, revocation list, then the offline admissions.
   *
   * @return one line per thing done or found (a ticket admitted here offline that another gate also
   *     admitted is reported, never hidden)
   * @throws CenterException {@code UNREACHABLE} when the center cannot be reached; what was done
   *     before stays done
   */
  public List<String> run() throws CenterException {
    List<String> report = new ArrayList<>();
    for (IssuerId issuer : center.issuersOf(checker.policy().events())) {
      SignedDocument cert = center.certificate(issuer);
      IssuerKeyTrust.CertifiedKey key = trust.accept(cert);
      if (!key.issuerId().equals(issuer)) {
        throw new CenterException(
            IssuerKeyTrust.UNTRUSTED_KEY, "certificate for " + issuer + " names " + key.issuerId());
      }
      store.keepCertificate(issuer, cert);
      report.add("issuer key " + key.keyId() + " certified");
    }
    RevocationList list = RevocationList.verify(center.revocationList(), trust);
    store.keepRevocationList(list.version(), list.signed());
    checker.use(list);
    report.add("revocation list version " + list.version() + " of " + list.generatedAt());
    for (Admission a : store.unsynced()) {
      CenterLink.Answer answer = center.admit(a.ticketNumber(), a.cardId(), a.ticketNumber());
      if (!answer.valid()) {
        report.add(
            "ticket "
                + a.ticketNumber()
                + " admitted here offline is "
                + answer.verdict()
                + answer.usedAtGate().map(g -> " (entry at gate " + g + ")").orElse("")
                + answer.reason().map(r -> " (" + r + ")").orElse(""));
      } else {
        report.add("ticket " + a.ticketNumber() + " entry sent");
      }
      store.markSynced(a.ticketNumber());
    }
    return report;
  }
}
