package com.kippu.center.issuer;

import java.time.Instant;
import java.util.Objects;

/** A payee bank account one operator proposed for an issuer, waiting for a second operator. */
public record PendingBankAccount(String bankAccount, String proposedBy, Instant proposedAt) {
  public PendingBankAccount {
    Objects.requireNonNull(bankAccount, "bankAccount");
    Objects.requireNonNull(proposedBy, "proposedBy");
    Objects.requireNonNull(proposedAt, "proposedAt");
  }
}
