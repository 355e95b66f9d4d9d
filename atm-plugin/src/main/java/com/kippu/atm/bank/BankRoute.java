package com.kippu.atm.bank;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.BankHost;
import java.util.Objects;
import java.util.Set;

/**
 * One link a terminal can use and what it reaches (S1 ¶114-116): a bank-branch ATM's dedicated line
 * to its bank host reaches every bank code the host clears for; an in-company CD's card network
 * route reaches only its own bank (intra-bank transfers); a card network reaches the card
 * companies.
 *
 * @param name for logs and configuration errors, e.g. {@code "cd-network"}
 * @param bankCodes bank codes (first 4 digits of an account number) both ends of a transfer must
 *     have for this route to carry it; empty: this route carries no transfers
 * @param authorizations kinds of card authorization this route carries (a debit only to a payee at
 *     a bank the route reaches)
 */
public record BankRoute(
    String name,
    BankHost link,
    Set<String> bankCodes,
    Set<AuthorizationRequest.Kind> authorizations) {
  /** Any bank code: a route to a host that clears between banks. */
  public static final String ANY_BANK = "*";

  public BankRoute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(link, "link");
    bankCodes = Set.copyOf(bankCodes);
    authorizations = Set.copyOf(authorizations);
    for (String code : bankCodes) {
      if (!code.equals(ANY_BANK) && !code.matches("\\d{4}")) {
        throw new IllegalArgumentException(
            "route " + name + ": bank code must be 4 digits: " + code);
      }
    }
  }

  /** True when a transfer between these bank codes may go over this route. */
  boolean carriesTransfer(String fromBank, String toBank) {
    return reaches(fromBank) && reaches(toBank);
  }

  /**
   * True when this route carries the authorization's kind and, for one paying an account (a debit
   * paying the issuer, S2 ¶33), reaches that account's bank: an in-company CD's own network does
   * not reach an issuer at another bank.
   */
  boolean carriesAuthorization(AuthorizationRequest request) {
    return authorizations.contains(request.kind())
        && (request.payee() == null || reaches(request.payee().value().substring(0, 4)));
  }

  private boolean reaches(String bankCode) {
    return bankCodes.contains(ANY_BANK) || bankCodes.contains(bankCode);
  }
}
