package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.Reservation;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.logging.Logger;

/**
 * Checks, just before any money moves, that the hold outlasts the debit and the issuance. A
 * customer who lingered at the choice of payment until the hold lapsed (or nearly) is told so and
 * raises {@link Signal#HOLD_LAPSED} (the flow sends them back to choose seats, and rewinding
 * releases the lapsed hold) instead of being debited for seats the center may already have let go
 * and then reversed. A hold that was already too short when the center granted it (the terminal's
 * timeouts are too long for the issuer's hold, or the clocks differ by more than {@link #SLACK})
 * can never pass: the session ends instead of sending the customer round again.
 */
public final class ConfirmHold implements Step<PurchaseSession> {
  /** Screens, journal writes and the clock difference between terminal and center. */
  static final Duration SLACK = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(ConfirmHold.class.getName());

  private final CustomerTerminal customer;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration margin;

  /**
   * @param margin how long the hold must still last when the debit starts; see {@link #margin}
   */
  public ConfirmHold(CustomerTerminal customer, Clock clock, ZoneId zone, Duration margin) {
    this.customer = customer;
    this.clock = clock;
    this.zone = zone;
    this.margin = margin;
  }

  /**
   * The time a debit and an issuance can take at most, each up to its timeout, plus {@link #SLACK}:
   * 30 s with the default 10 s timeouts.
   */
  public static Duration margin(Duration bankTimeout, Duration centerTimeout) {
    return bankTimeout.plus(centerTimeout).plus(SLACK);
  }

  @Override
  public String id() {
    return "confirm-hold";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    Reservation r = session.hold().granted();
    Instant granted = session.hold().grantedAt().orElseThrow();
    if (!r.expiresAt().isAfter(granted.plus(margin))) {
      return neverLongEnough(r, granted);
    }
    if (!r.expiresAt().isAfter(clock.instant().plus(margin))) {
      return lapsed(r);
    }
    return Outcome.next();
  }

  private Outcome neverLongEnough(Reservation r, Instant granted) {
    String problem =
        "hold "
            + r.number()
            + " lasted "
            + Duration.between(granted, r.expiresAt())
            + " when granted, but paying and issuing need "
            + margin
            + ": the terminal's bank and center timeouts are too long for the issuer's hold,"
            + " or the terminal's clock differs from the center's";
    LOG.severe(problem);
    customer.inform(
        Screens.notice(
            "hold-too-short",
            Text.of("hold-too-short.title"),
            Text.of("hold-too-short.line"),
            Text.of("notice.contact-staff")));
    return Outcome.fail(problem);
  }

  private Outcome lapsed(Reservation r) {
    customer.inform(
        Screens.notice(
            "hold-lapsed",
            Text.of("hold-lapsed.title"),
            Text.of("hold-lapsed.line", Screens.when(r.expiresAt(), zone)),
            Text.of("hold-lapsed.again")));
    return Outcome.signal(
        Signal.HOLD_LAPSED,
        "hold " + r.number() + " lapses at " + r.expiresAt() + ", too soon to pay and issue");
  }
}
