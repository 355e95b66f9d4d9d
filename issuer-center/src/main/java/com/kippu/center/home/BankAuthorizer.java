package com.kippu.center.home;

/**
 * The user's bank as the center reaches it for a home PC's online-banking payment (S2 ¶51: the user
 * pays "from their own bank account through the online banking system"). The center, not the PC,
 * asks the bank to move the price from the user's account to the account that receives it, proved
 * by the user's online-banking PIN, which reaches the center as a block from the home PC's PIN pad
 * (S2 ¶38) over TLS (S2 ¶52), opened there; the PC never speaks to the bank. The center depends on
 * no payment library: the deployment plugs in an authorizer (the simulator's sends an ISO 8583 0200
 * to the bank host).
 */
public interface BankAuthorizer {
  /** No bank configured: every online-banking payment is refused as unavailable. */
  BankAuthorizer NONE =
      new BankAuthorizer() {
        @Override
        public CardAuthorizer.Authorization transfer(
            String reference, String fromAccount, char[] pin, String toAccount, long amountYen)
            throws CardAuthorizer.UnavailableException {
          throw new CardAuthorizer.UnavailableException(
              "no online banking is configured at this center");
        }

        @Override
        public boolean reverse(String reference) throws CardAuthorizer.UnavailableException {
          throw new CardAuthorizer.UnavailableException(
              "no online banking is configured at this center");
        }
      };

  /**
   * Asks the bank to move {@code amountYen} from {@code fromAccount} to {@code toAccount}, the user
   * proving the order with {@code pin}; {@code reference} is unique. The answer is the bank's (ISO
   * 8583 field 39 and its references), the same shape as a card host's.
   */
  CardAuthorizer.Authorization transfer(
      String reference, String fromAccount, char[] pin, String toAccount, long amountYen)
      throws CardAuthorizer.UnavailableException;

  /** Takes an approved transfer back; true once the bank confirmed it. */
  boolean reverse(String reference) throws CardAuthorizer.UnavailableException;
}
