package com.kippu.center.home;

import java.time.Instant;

/**
 * The card company's host as the center reaches it for a home PC's payment (S2 ¶49-51: the center
 * sends the card and the amount and asks whether it may be charged). The center depends on no
 * payment library: the deployment plugs in an authorizer (the simulator's speaks ISO 8583 to the
 * card network).
 */
public interface CardAuthorizer {
  /** No card host configured: every authorization is refused as unavailable. */
  CardAuthorizer NONE =
      new CardAuthorizer() {
        @Override
        public Authorization authorize(
            String reference, String cardNumber, String expiryYymm, long amountYen)
            throws UnavailableException {
          throw new UnavailableException("no card authorizer is configured at this center");
        }

        @Override
        public boolean reverse(String reference) throws UnavailableException {
          throw new UnavailableException("no card authorizer is configured at this center");
        }
      };

  /** Asks the card host to charge {@code amountYen} to the card; {@code reference} is unique. */
  Authorization authorize(String reference, String cardNumber, String expiryYymm, long amountYen)
      throws UnavailableException;

  /** Takes an approved authorization back; true once the host confirmed it. */
  boolean reverse(String reference) throws UnavailableException;

  /** The host's answer: ISO 8583 field 39 and its references. */
  record Authorization(
      String responseCode, String rrn, String approvalCode, String stan, Instant at) {
    public boolean approved() {
      return "00".equals(responseCode);
    }
  }

  /** The host could not be asked, or did not answer. */
  final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
      super(message);
    }

    public UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
