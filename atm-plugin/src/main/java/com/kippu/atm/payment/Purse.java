package com.kippu.atm.payment;

import java.util.Optional;

/**
 * The e-money purse on the customer's IC card (S1 ¶112) as the payment method sees it. Every value
 * movement is named by the terminal's transaction id and recorded by the card itself, so after a
 * power loss {@link #lastMovement} says whether a payment left the card. The card keeps the ids in
 * its value log: {@link #subtract} or {@link #add} under an id the log already holds answers that
 * earlier movement and moves nothing, however many movements came after it.
 */
public interface Purse {

  long balanceYen() throws PurseException;

  /**
   * Pays {@code amount} from the purse as {@code transactionId}.
   *
   * @throws InsufficientValueException when the balance is lower; nothing moved
   */
  Movement subtract(Money amount, String transactionId)
      throws PurseException, InsufficientValueException;

  /** Puts {@code amount} back (a refund) as {@code transactionId}. */
  Movement add(Money amount, String transactionId) throws PurseException;

  /** The card's last recorded value movement; empty when it has none. */
  Optional<Movement> lastMovement() throws PurseException;

  /**
   * One value movement as the card recorded it.
   *
   * @param purseId the card the purse is on (the user-identifying data sent to the issuer)
   * @param sequence the movement's position in the card's value log
   */
  record Movement(
      String purseId,
      boolean subtract,
      long amountYen,
      long balanceYen,
      String transactionId,
      int sequence) {}

  /** The purse could not be read or written; {@code noCard} when no card is in the reader. */
  final class PurseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean noCard;

    public PurseException(String message, boolean noCard, Throwable cause) {
      super(message, cause);
      this.noCard = noCard;
    }

    public boolean noCard() {
      return noCard;
    }
  }

  /** The purse holds less than the amount asked for; nothing moved. */
  final class InsufficientValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InsufficientValueException(String message) {
      super(message);
    }
  }
}
