package com.kippu.center.catalog;

import java.util.Objects;

/**
 * A ticket issuer: the promoter whose bank account receives the transfer and whose key signs the
 * reservation and ticket info (S1 ¶61). The private key never leaves the center.
 */
public record Issuer(IssuerId issuerId, String name, String bankAccount) {
  public Issuer {
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bankAccount, "bankAccount");
  }
}
