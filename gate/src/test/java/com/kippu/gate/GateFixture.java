package com.kippu.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.card.CardAccess;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.RecordType;
import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.FakeIssuer;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.RevocationList;
import com.kippu.atm.center.SignedDocument;
import com.kippu.gate.check.GatePolicy;
import com.kippu.gate.check.TicketChecker;
import com.kippu.gate.store.SqliteGateStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/** A gate on real SQLite with a fake center root and issuer, at a settable time. */
final class GateFixture implements AutoCloseable {
  static final String EVENT = "evt-2026-12-24-dome";
  static final String VENUE = "Tokyo Dome";
  static final String STARTS = "2026-12-24T18:00+09:00";
  static final Instant DOORS = Instant.parse("2026-12-24T08:00:00Z"); // 17:00 in Tokyo

  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeIssuer issuer = new FakeIssuer("tokyo-dome-promo");
  final IssuerKeyTrust trust = new IssuerKeyTrust(issuer.rootKey());
  final CardRecordCodec codec = new CardRecordCodec(new SecureRandom());

  /** The terminal that writes tickets, certified like the gate. */
  final CardAccess terminal = TestCardAccess.terminal("ATM00001");

  final SqliteGateStore store;
  final TicketChecker checker;
  final MutableClock clock = new MutableClock(DOORS);
  final GateLane lane;

  GateFixture(Path dir, String gateId) throws CenterException {
    store = SqliteGateStore.open(dir.resolve(gateId + ".db"));
    GatePolicy policy =
        new GatePolicy(
            gateId,
            VENUE,
            Set.of(new EventId(EVENT)),
            Duration.ofHours(3),
            Duration.ofHours(4),
            Duration.ofHours(24),
            ZoneId.of("Asia/Tokyo"));
    checker = new TicketChecker(policy, trust, store);
    trust.accept(issuer.certificate());
    checker.use(revocations(0, DOORS.minus(Duration.ofHours(1))));
    lane =
        new GateLane(
            checker,
            codec,
            TestCardAccess.terminal(gateId),
            store,
            Optional.empty(),
            Optional.empty(),
            clock);
  }

  /** A signed revocation list generated at {@code at}, revoking what {@code entries} name. */
  RevocationList revocations(long version, Instant at, String... kindSubject)
      throws CenterException {
    ObjectNode p =
        JSON.createObjectNode().put("version", version).put("generatedAt", at.toString());
    ArrayNode entries = p.putArray("entries");
    for (int i = 0; i < kindSubject.length; i += 2) {
      entries
          .addObject()
          .put("sequence", i / 2 + 1)
          .put("kind", kindSubject[i])
          .put("subject", kindSubject[i + 1])
          .put("reason", kindSubject[i].equals("CARD") ? "LOST" : "VOIDED")
          .put("revokedAt", at.toString());
    }
    return RevocationList.verify(issuer.signByRoot(p), trust);
  }

  SignedDocument ticket(String number, String cardId) {
    return ticket(issuer, number, cardId, EVENT);
  }

  SignedDocument ticket(FakeIssuer by, String number, String cardId, String event) {
    return by.signByIssuer(by.ticketInfo(number, cardId, event, VENUE, STARTS));
  }

  /** Writes {@code ticket} onto {@code card} as a sealed TICKET record, as a terminal does. */
  void write(FakeCard card, SignedDocument ticket) throws Exception {
    CardId id = card.readChip().cardId();
    card.append(
        codec.seal(
            terminal.unlock(card, id),
            card.readRecords(),
            RecordType.TICKET,
            JSON.writeValueAsBytes(
                JSON.createObjectNode()
                    .put("payload", java.util.Base64.getEncoder().encodeToString(ticket.payload()))
                    .put(
                        "signature",
                        java.util.Base64.getEncoder().encodeToString(ticket.signature()))
                    .put("keyId", ticket.keyId())
                    .put("algorithm", ticket.algorithm()))));
  }

  @Override
  public void close() {
    store.close();
  }

  /** A clock tests move by hand; they never sleep. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant at) {
      now = at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
