package com.kippu.atm.recovery;

import com.kippu.atm.center.CenterException;
import java.util.Set;

/**
 * What the center's refusals of an issuance mean for the payment behind it: the one table the live
 * issuance, recovery and the pending-ticket step decide by.
 */
public final class Refusals {
  /** Refusal code for a ticket the center returned that names another reservation or payment. */
  static final String TICKET_MISMATCH = "TICKET_MISMATCH";

  /**
   * Not a center code: a kiosk purchase (F7) paid and stopped before its card was fed, so no sale
   * was asked for onto any card; the payment is taken back.
   */
  static final String NO_CARD = "NO_CARD_FED";

  /**
   * Not a center code: a kiosk's commuter pass paid, whose sale the center never made; it is not
   * made after a restart (the holder's details are not journaled), so the payment is taken back.
   */
  static final String NO_PASS_SOLD = "NO_PASS_SOLD";

  /** The center's refusal to cancel a reservation it has issued a ticket for. */
  static final String RESERVATION_ISSUED = "RESERVATION_ISSUED";

  /**
   * The center's answers after which no ticket will ever be issued for this payment: it is taken
   * back. CARD_MISMATCH (the reservation belongs to another card) is here because the center checks
   * the card before it issues, so this payment bought nothing on that reservation, and nothing this
   * card can carry; a ticket the center holds for the other card is the issuer's to void.
   * RESERVATION_ISSUED_OTHER_PAYMENT: the reservation was issued against another proof, and the
   * center recorded this one as refused, so it can pay for nothing. A direct purchase (F6) is also
   * refused before its payment is looked at when the seats, the event or the request number do not
   * hold (SEAT_UNAVAILABLE, SEAT_NOT_FOUND, EVENT_NOT_FOUND, REQUEST_NUMBER_REUSED). CARD_LOST: the
   * card was reported lost or its issuer invalidated it, and the center issues nothing onto it that
   * was not issued before the loss.
   */
  private static final Set<String> NEVER_ISSUED =
      Set.of(
          "SEAT_UNAVAILABLE",
          "SEAT_NOT_FOUND",
          "EVENT_NOT_FOUND",
          "REQUEST_NUMBER_REUSED",
          "RESERVATION_EXPIRED",
          "RESERVATION_CANCELLED",
          "RESERVATION_NOT_FOUND",
          "AMOUNT_MISMATCH",
          "CARD_MISMATCH",
          // Kiosk sales (F7): a pass or an activation refused before anything was sold.
          "VALIDITY_NOT_ALLOWED",
          "WRONG_CARD_TYPE",
          "PRODUCT_NOT_FOUND",
          "CARD_NOT_ACTIVE",
          "CARD_ALREADY_ACTIVE",
          "CARD_UNKNOWN",
          "CARD_LOST",
          CenterException.RESERVATION_ISSUED_OTHER_PAYMENT);

  /**
   * The center's answers saying this payment did buy a ticket, only not this session's: taking the
   * money back could leave someone holding an unpaid ticket, so staff decide.
   */
  private static final Set<String> FOR_STAFF = Set.of(CenterException.PAYMENT_ALREADY_USED);

  private Refusals() {}

  public static boolean neverIssued(String code) {
    return NEVER_ISSUED.contains(code);
  }

  public static boolean forStaff(String code) {
    return FOR_STAFF.contains(code);
  }

  static String orphaned(String ticket, String reservation) {
    return "ticket "
        + ticket
        + " of reservation "
        + reservation
        + " is issued at the center but refused by the terminal: the issuer must void it";
  }
}
