package com.kippu.center.issuer;

import com.kippu.center.catalog.IssuerId;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to issuer accounts and the API secrets issuers sign their requests with. */
public interface IssuerAccountRepository {

  /** Adds the issuer with its first signing key pair; false when the id is taken. */
  boolean create(IssuerAccount account, KeyPair keys);

  /** Replaces name, kind, bank account, fee and endpoint; false when unknown. */
  boolean update(IssuerAccount account);

  Optional<IssuerAccount> find(IssuerId issuerId);

  List<IssuerAccount> all();

  /** Stores the API secret unless the issuer already has one; true when stored. */
  boolean addSecretIfAbsent(IssuerId issuerId, byte[] secret, Instant at);

  Optional<byte[]> secret(IssuerId issuerId);

  /** Sets the API secret, replacing any; false when the issuer is unknown. */
  boolean replaceSecret(IssuerId issuerId, byte[] secret, Instant at);

  /** Removes the API secret: the issuer's requests are refused until a new one is set. */
  boolean removeSecret(IssuerId issuerId);

  /** Records (or replaces) a proposed payee bank account awaiting a second operator. */
  void proposeBankAccount(IssuerId issuerId, PendingBankAccount proposal);

  Optional<PendingBankAccount> pendingBankAccount(IssuerId issuerId);

  /** Makes the pending account the issuer's bank account and clears it, in one transaction. */
  boolean applyPendingBankAccount(IssuerId issuerId, String bankAccount);
}
