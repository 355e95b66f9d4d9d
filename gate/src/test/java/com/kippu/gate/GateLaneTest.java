package com.kippu.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.center.TicketCode;
import com.kippu.gate.check.Refusal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateLaneTest {
  @TempDir Path dir;
  private GateFixture gate;
  private final FakeCard hanako = new FakeCard("KC-10001", "Hanako Sato");

  @BeforeEach
  void open() throws Exception {
    gate = new GateFixture(dir, "GATE-A");
  }

  @AfterEach
  void close() {
    gate.close();
  }

  private static Optional<Refusal> refusal(GateResult r) {
    return r.refusal();
  }

  @Test
  void aValidTicketIsAdmittedOnceAndTheCardCarriesItsUsedMark() throws Exception {
    gate.write(hanako, gate.ticket("T000000000001", "KC-10001"));

    GateResult first = gate.lane.presentCard(hanako);
    GateResult second = gate.lane.presentCard(hanako);

    assertTrue(first.admitted(), first.staffView(ZoneId.of("Asia/Tokyo")).toString());
    assertEquals(2, hanako.size(), "ticket and its USED mark");
    assertEquals(Optional.of(Refusal.ALREADY_USED), refusal(second));
    assertTrue(gate.store.admission("T000000000001").isPresent());
    String view = String.join("\n", first.staffView(ZoneId.of("Asia/Tokyo")));
    assertTrue(view.contains("Sec A Row 1 Seat 7") && view.contains("Hanako Sato"), view);
  }

  @Test
  void aUsedMarkIsReadByAGateThatNeverSawTheTicket() throws Exception {
    gate.write(hanako, gate.ticket("T000000000001", "KC-10001"));
    assertTrue(gate.lane.presentCard(hanako).admitted());
    try (GateFixture other = new GateFixture(dir, "GATE-B")) {
      // Gate B shares gate A's center root and issuer, but not its store.
      var checker =
          new com.kippu.gate.check.TicketChecker(other.checker.policy(), gate.trust, other.store);
      checker.use(gate.checker.revocations().orElseThrow());
      GateResult r =
          new GateLane(
                  checker,
                  gate.codec,
                  TestCardAccess.terminal("GATE-B"),
                  other.store,
                  Optional.empty(),
                  Optional.empty(),
                  gate.clock)
              .presentCard(hanako);
      assertEquals(Optional.of(Refusal.ALREADY_USED), refusal(r));
      assertTrue(r.detail().contains("USED mark"), r.detail());
    }
  }

  @Test
  void aTicketSignedByAKeyTheRootNeverCertifiedIsRefused() throws Exception {
    gate.write(hanako, gate.ticket(gate.issuer.forger(), "T000000000001", "KC-10001", "x"));
    GateResult r = gate.lane.presentCard(hanako);
    assertEquals(Optional.of(Refusal.BAD_SIGNATURE), refusal(r));
    assertEquals(1, hanako.size(), "no USED mark for a refused ticket");
  }

  @Test
  void aTicketOfAnIssuerWithoutCertificateIsRefused() throws Exception {
    var stranger = gate.issuer.sibling("unknown-promo");
    gate.write(hanako, gate.ticket(stranger, "T000000000001", "KC-10001", GateFixture.EVENT));
    assertEquals(Optional.of(Refusal.UNTRUSTED_ISSUER), refusal(gate.lane.presentCard(hanako)));
  }

  @Test
  void aRevokedCardAndAVoidedTicketAreRefused() throws Exception {
    gate.write(hanako, gate.ticket("T000000000001", "KC-10001"));
    gate.checker.use(gate.revocations(1, GateFixture.DOORS, "CARD", "KC-10001"));
    assertEquals(Optional.of(Refusal.CARD_REVOKED), refusal(gate.lane.presentCard(hanako)));

    FakeCard taro = new FakeCard("KC-10002", "Taro Suzuki");
    gate.write(taro, gate.ticket("T000000000002", "KC-10002"));
    gate.checker.use(
        gate.revocations(2, GateFixture.DOORS, "CARD", "KC-10001", "TICKET", "T000000000002"));
    assertEquals(Optional.of(Refusal.TICKET_VOIDED), refusal(gate.lane.presentCard(taro)));
  }

  @Test
  void aStaleRevocationListRefusesEveryTicket() throws Exception {
    gate.write(hanako, gate.ticket("T000000000001", "KC-10001"));
    gate.clock.set(GateFixture.DOORS.plus(Duration.ofHours(24)));
    assertEquals(
        Optional.of(Refusal.STALE_REVOCATION_LIST), refusal(gate.lane.presentCard(hanako)));
  }

  @Test
  void aTicketForAnotherEventOrOutsideTheGateWindowIsRefused() throws Exception {
    gate.write(hanako, gate.ticket(gate.issuer, "T000000000001", "KC-10001", "evt-other"));
    assertEquals(Optional.of(Refusal.WRONG_EVENT), refusal(gate.lane.presentCard(hanako)));

    FakeCard taro = new FakeCard("KC-10002", "Taro Suzuki");
    gate.write(taro, gate.ticket("T000000000002", "KC-10002"));
    gate.clock.set(GateFixture.DOORS.minus(Duration.ofHours(3)));
    assertEquals(Optional.of(Refusal.OUTSIDE_GATE_WINDOW), refusal(gate.lane.presentCard(taro)));
  }

  @Test
  void junkAppendedToTheCardIsSkippedAndReportedAndTheTicketStillEnters() throws Exception {
    hanako.append("junk from any reader".getBytes(StandardCharsets.UTF_8));
    gate.write(hanako, gate.ticket("T000000000001", "KC-10001"));

    GateResult r = gate.lane.presentCard(hanako);

    assertTrue(r.admitted(), r.toString());
    assertEquals(1, r.cardProblems().size());
    assertTrue(r.cardProblems().get(0).contains("record 0"), r.cardProblems().toString());
  }

  @Test
  void aTicketIssuedToAnotherCardIsRefused() throws Exception {
    gate.write(hanako, gate.ticket("T000000000001", "KC-10002"));
    assertEquals(Optional.of(Refusal.OTHER_CARD), refusal(gate.lane.presentCard(hanako)));
  }

  @Test
  void aCardThatCannotBeMarkedIsNotAdmittedAndNothingIsRecorded() throws Exception {
    gate.write(hanako, gate.ticket("T000000000001", "KC-10001"));
    hanako.appendFails = true;

    assertEquals(Optional.of(Refusal.CARD_NOT_MARKED), refusal(gate.lane.presentCard(hanako)));
    assertFalse(gate.store.admission("T000000000001").isPresent());

    hanako.appendFails = false;
    assertTrue(gate.lane.presentCard(hanako).admitted());
  }

  @Test
  void aPrintedTicketIsSingleUseThroughTheGatesStore() {
    byte[] code =
        TicketCode.encode(gate.ticket("T000000000003", "KC-10001"))
            .getBytes(StandardCharsets.US_ASCII);

    assertTrue(gate.lane.presentPaper(code).admitted());
    assertEquals(Optional.of(Refusal.ALREADY_USED), refusal(gate.lane.presentPaper(code)));
    assertEquals(
        Optional.of(Refusal.UNREADABLE),
        refusal(gate.lane.presentPaper("not a ticket".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void aCopiedCardCannotAnswerTheChipChallengeAndIsRefused() throws Exception {
    byte[] master = new byte[32];
    master[0] = 7;
    hanako.chipKey = com.kippu.devices.CardAuthentication.cardKey(master, "KC-10001");
    gate.write(hanako, gate.ticket("T000000000001", "KC-10001"));
    FakeCard copy = hanako.copy();
    GateLane checking =
        new GateLane(
            gate.checker,
            gate.codec,
            TestCardAccess.terminal("GATE-A"),
            gate.store,
            Optional.empty(),
            Optional.of(new ChipAuthenticator(master, new java.security.SecureRandom())),
            gate.clock);

    GateResult copied = checking.presentCard(copy);
    copy.chipKey = com.kippu.devices.CardAuthentication.cardKey(new byte[32], "KC-10001");
    GateResult guessed = checking.presentCard(copy);
    GateResult genuine = checking.presentCard(hanako);

    assertEquals(Optional.of(Refusal.COPIED_CARD), refusal(copied));
    assertEquals(Optional.of(Refusal.COPIED_CARD), refusal(guessed));
    assertTrue(genuine.admitted(), genuine.toString());
  }

  @Test
  void aCardThatHandsNoAccessInformationToTheGateIsRefusedEvenWithoutAChipCheck() throws Exception {
    gate.write(hanako, gate.ticket("T000000000001", "KC-10001"));

    GateResult copied = gate.lane.presentCard(hanako.copy());

    assertEquals(Optional.of(Refusal.COPIED_CARD), refusal(copied));
    assertTrue(copied.detail().contains("access information"), copied.detail());
    assertTrue(gate.lane.presentCard(hanako).admitted(), "the genuine card hands it over");
  }
}
