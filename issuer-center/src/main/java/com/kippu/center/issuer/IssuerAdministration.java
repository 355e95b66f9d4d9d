package com.kippu.center.issuer;

import com.kippu.center.common.Answer;
import com.kippu.center.signing.Ed25519;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The operator's side of issuer accounts: enrols an issuer with a fresh Ed25519 signing key and an
 * API secret, or updates its contract terms. The secret is returned once, when created.
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

  public Answer<AccountOutcome, Enrolment> enrol(IssuerAccount account) {
    AccountOutcome outcome;
    if (accounts.create(account, Ed25519.generate())) {
      outcome = AccountOutcome.CREATED;
    } else {
      accounts.update(account);
      outcome = AccountOutcome.UPDATED;
    }
    byte[] raw = new byte[SECRET_BYTES];
    random.nextBytes(raw);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    boolean stored =
        accounts.addSecretIfAbsent(
            account.issuerId(),
            secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            clock.instant());
    IssuerAccount saved = accounts.find(account.issuerId()).orElseThrow();
    return Answer.of(
        outcome, new Enrolment(saved, stored ? Optional.of(secret) : Optional.empty()));
  }
}
