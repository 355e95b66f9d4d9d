package com.kippu.atm.payment;

import java.time.Duration;
import java.util.Optional;

/**
 * The magnetic card reader as the payment methods see it: one swipe of a debit, credit, prepaid or
 * bank cash card. The full card number leaves it only inside {@link SwipedCard}, masked when shown.
 */
public interface CardReader {

  /**
   * Waits up to {@code timeout} for a swipe.
   *
   * @return empty when the customer did not swipe in time
   * @throws UnreadableCardException when the swipe could not be read; the customer may try again
   */
  Optional<SwipedCard> awaitSwipe(Duration timeout) throws UnreadableCardException;

  /** A card swiped: its number and expiry; the holder's name as track 1 carries it, if any. */
  record SwipedCard(CardNumber number, CardExpiry expiry) {
    @Override
    public String toString() {
      return "SwipedCard[" + number.masked() + " " + expiry.yymm() + "]";
    }
  }

  /** The swipe could not be decoded, or the card carries no valid number or expiry. */
  final class UnreadableCardException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableCardException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
