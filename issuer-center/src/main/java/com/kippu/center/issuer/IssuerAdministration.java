package com.kippu.center.issuer;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.signing.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The operator's side of issuer accounts: enrols an issuer with a fresh Ed25519 signing key and an
 * API secret, or updates its contract terms; rotates or removes its secret. The secret is returned
 * once, when created. The payee bank account changes only under dual control.
 */
public final class IssuerAdministration {
  private static final int SECRET_BYTES = 32;

  private final IssuerAccountRepository accounts;
  private final SecureRandom random;
  private final Clock clock;

  public IssuerAdministration(IssuerAccountRepository accounts, SecureRandom random, Clock clock) {
    this.accounts = accounts;
    this.random = random;
    this.clock = clock;
  }

  /**
   * Enrols or updates an issuer as {@code operator}. A new issuer takes its bank account at once;
   * for an existing one a different bank account is only proposed, and stays pending until another
   * operator approves it ({@link #approveBankAccount}).
   */
  public Answer<AccountOutcome, Enrolment> enrol(IssuerAccount account, String operator) {
    AccountOutcome outcome;
    Optional<IssuerAccount> existing = accounts.find(account.issuerId());
    if (existing.isEmpty() && accounts.create(account, Ed25519.generate())) {
      outcome = AccountOutcome.CREATED;
    } else {
      IssuerAccount current = existing.or(() -> accounts.find(account.issuerId())).orElseThrow();
      accounts.update(withBankAccount(account, current.bankAccount()));
      if (!current.bankAccount().equals(account.bankAccount())) {
        accounts.proposeBankAccount(
            account.issuerId(),
            new PendingBankAccount(account.bankAccount(), operator, clock.instant()));
      }
      outcome = AccountOutcome.UPDATED;
    }
    String secret = newSecret();
    boolean stored =
        accounts.addSecretIfAbsent(
            account.issuerId(), secret.getBytes(StandardCharsets.UTF_8), clock.instant());
    IssuerAccount saved = accounts.find(account.issuerId()).orElseThrow();
    return Answer.of(
        outcome,
        new Enrolment(
            saved,
            stored ? Optional.of(secret) : Optional.empty(),
            accounts.pendingBankAccount(account.issuerId())));
  }

  /**
   * A second operator approves the pending bank account {@code bankAccount} (named again, so the
   * approver states what they approve).
   */
  public Answer<AccountOutcome, IssuerAccount> approveBankAccount(
      IssuerId issuerId, String bankAccount, String operator) {
    if (accounts.find(issuerId).isEmpty()) {
      return Answer.refused(AccountOutcome.ISSUER_NOT_FOUND, "no issuer " + issuerId, null);
    }
    Optional<PendingBankAccount> pending = accounts.pendingBankAccount(issuerId);
    if (pending.isEmpty() || !pending.get().bankAccount().equals(bankAccount)) {
      return Answer.refused(
          AccountOutcome.NO_PENDING_CHANGE,
          "no pending change of " + issuerId + "'s bank account to that account",
          "bankAccount");
    }
    if (pending.get().proposedBy().equals(operator)) {
      return Answer.refused(
          AccountOutcome.SAME_OPERATOR,
          "the change was proposed by " + operator + "; another operator must approve it",
          null);
    }
    if (!accounts.applyPendingBankAccount(issuerId, bankAccount)) {
      return Answer.refused(
          AccountOutcome.NO_PENDING_CHANGE, "the pending change was replaced", "bankAccount");
    }
    return Answer.of(AccountOutcome.BANK_ACCOUNT_CHANGED, accounts.find(issuerId).orElseThrow());
  }

  /** A new API secret for the issuer; the old one stops working at once. */
  public Answer<AccountOutcome, String> rotateSecret(IssuerId issuerId) {
    String secret = newSecret();
    if (!accounts.replaceSecret(
        issuerId, secret.getBytes(StandardCharsets.UTF_8), clock.instant())) {
      return Answer.refused(AccountOutcome.ISSUER_NOT_FOUND, "no issuer " + issuerId, null);
    }
    return Answer.of(AccountOutcome.SECRET_ROTATED, secret);
  }

  /** Removes the issuer's API secret: its pushes are refused until a secret is rotated in. */
  public Answer<AccountOutcome, IssuerId> deactivate(IssuerId issuerId) {
    if (accounts.find(issuerId).isEmpty()) {
      return Answer.refused(AccountOutcome.ISSUER_NOT_FOUND, "no issuer " + issuerId, null);
    }
    accounts.removeSecret(issuerId);
    return Answer.of(AccountOutcome.DEACTIVATED, issuerId);
  }

  private static IssuerAccount withBankAccount(IssuerAccount a, String bankAccount) {
    return new IssuerAccount(
        a.issuerId(), a.name(), a.kind(), bankAccount, a.feeBps(), a.salesEndpoint());
  }

  private String newSecret() {
    byte[] raw = new byte[SECRET_BYTES];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
