package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.FakeIssuer;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.RevocationList;
import com.kippu.atm.flow.pay.ActivationCheck;
import com.kippu.atm.flow.pay.CardRevocations;
import com.kippu.atm.flow.pay.CardRevocations.Standing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A card's standing on the revocation list when the center cannot always be asked: the last list
 * verified stands in while it is young, and then nothing clears a card, so its purse does not pay.
 */
class CardRevocationsTest {
  private static final Instant GENERATED = Instant.parse("2026-12-24T08:00:00Z");
  private static final CardId LOST = new CardId("KC-LOST");
  private static final CardId FINE = new CardId("KC-0001");

  private final FakeIssuer center = new FakeIssuer("tokyo-dome-promo");
  private final MovableClock clock = new MovableClock(GENERATED.plusSeconds(1));
  private boolean centerAnswers = true;

  private RevocationList list() throws CenterException {
    if (!centerAnswers) {
      throw new CenterException("UNAVAILABLE", "center unreachable");
    }
    ObjectNode p =
        new ObjectMapper()
            .createObjectNode()
            .put("version", 3)
            .put("generatedAt", GENERATED.toString());
    p.putArray("entries")
        .addObject()
        .put("sequence", 3)
        .put("kind", "CARD")
        .put("subject", LOST.value())
        .put("reason", "LOST")
        .put("revokedAt", GENERATED.toString());
    return RevocationList.verify(center.signByRoot(p), new IssuerKeyTrust(center.rootKey()));
  }

  private final CardRevocations revocations =
      new CardRevocations(this::list, clock, Duration.ofMinutes(15));

  @Test
  void noListEverHadLeavesEveryCardUnknown() {
    centerAnswers = false;
    assertEquals(Standing.UNKNOWN, revocations.check(FINE).standing());
    assertEquals(Standing.UNKNOWN, revocations.check(LOST).standing());
  }

  @Test
  void theLastListStandsInWhileYoungAndNotAfter() {
    assertEquals(Standing.CLEAR, revocations.check(FINE).standing());
    centerAnswers = false;

    clock.now = GENERATED.plus(Duration.ofMinutes(10));
    assertEquals(Standing.CLEAR, revocations.check(FINE).standing());
    assertEquals(Standing.REVOKED, revocations.check(LOST).standing());
    assertEquals("LOST", revocations.check(LOST).reason().orElseThrow());

    clock.now = GENERATED.plus(Duration.ofMinutes(16));
    assertEquals(Standing.UNKNOWN, revocations.check(FINE).standing());
  }

  @Test
  void aPurseDoesNotPayFromACardTheListNamesOrCannotClear() {
    ActivationCheck check = ActivationCheck.NONE.andNotRevoked(revocations);
    assertEquals(ActivationCheck.Standing.USABLE, check.of(FINE));
    assertEquals(ActivationCheck.Standing.REVOKED, check.of(LOST));
    centerAnswers = false;
    clock.now = GENERATED.plus(Duration.ofHours(1));
    assertEquals(ActivationCheck.Standing.UNKNOWN, check.of(FINE));
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
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
