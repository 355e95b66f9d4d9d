package com.kippu.atm.payment;

/**
 * The money side as the flows see it: the bank host reached over the terminal's route. An
 * implementation never returns an approval it did not receive; when the outcome is unknown
 * (timeout, dropped link) it throws {@link BankUnavailableException} and has already queued a
 * reversal of the request.
 */
public interface BankHost extends AutoCloseable {

  /** Moves {@code request.amount()} from the customer's account to the issuer's (ISO 0200). */
  TransferResult transfer(TransferRequest request) throws BankUnavailableException;

  /**
   * Reverses an approved transfer because a later step failed (ISO 0420). Returns normally once the
   * host confirmed the reversal; throws when it could not be confirmed, in which case the reversal
   * stays queued and is repeated until the host answers.
   */
  default void reverse(TransferRequest original, TransferResult approval)
      throws BankUnavailableException {
    throw new BankUnavailableException("this bank link cannot reverse transfers");
  }

  /**
   * The approved payment {@code transactionId} stands: its ticket was issued. Until a flow says so,
   * the link keeps what a later reversal of it needs (the journal holds no full account numbers),
   * so that {@link #reverseApproved} still works after a restart. Forgetting is not urgent and
   * never fails the caller; a link that keeps nothing does nothing.
   */
  default void settled(String transactionId) {}

  /**
   * Reverses the approved payment {@code transactionId} from what the link kept of it: recovery's
   * way to undo a payment approved before a restart whose ticket can no longer be issued. As {@link
   * #reverse(TransferRequest, TransferResult)}, returns once the host confirmed; throws {@link
   * BankUnavailableException} when the reversal stays queued, to be repeated until confirmed.
   *
   * @return false when the link kept nothing for {@code transactionId} (nothing was sent)
   */
  default boolean reverseApproved(String transactionId) throws BankUnavailableException {
    return false;
  }

  /**
   * Authorizes a card payment (ISO 0100): a debit with PIN at the card's bank, a credit or prepaid
   * payment at the card company. Like {@link #transfer}, an unknown outcome throws after the
   * authorization's reversal was queued.
   */
  default AuthorizationResult authorize(AuthorizationRequest request)
      throws BankUnavailableException {
    throw new BankUnavailableException("this link cannot authorize card payments");
  }

  /**
   * Reverses an approved authorization because a later step failed (ISO 0420); as {@link
   * #reverse(TransferRequest, TransferResult)}.
   */
  default void reverse(AuthorizationRequest original, AuthorizationResult approval)
      throws BankUnavailableException {
    throw new BankUnavailableException("this link cannot reverse authorizations");
  }

  /**
   * Credits {@code request.amount()}, taken in cash at this terminal, to the issuer's account (ISO
   * 0200, processing code 210000). As for {@link #transfer}, the reversal is stored before the
   * request leaves and an approval is kept until {@link #settled}, so {@link #reverseApproved}
   * takes it back; an unknown outcome throws after the reversal was queued.
   */
  default TransferResult depositCash(CashDepositRequest request) throws BankUnavailableException {
    throw new BankUnavailableException("this link cannot credit cash deposits");
  }

  /** Sign-on / echo (ISO 0800); true when the host answered "00". */
  boolean echo() throws BankUnavailableException;

  @Override
  void close();
}
