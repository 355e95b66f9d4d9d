package com.kippu.center.issuer;

import com.kippu.center.catalog.IssuerId;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An issuer as the operator contracts with it (S2 ¶17): the account its takings are paid to, the
 * operator's fee in basis points of the collected amount (0..10000) and the HTTP endpoint its sales
 * records and notices are delivered to (none: they wait in the outbox).
 */
public record IssuerAccount(
    IssuerId issuerId,
    String name,
    IssuerKind kind,
    String bankAccount,
    int feeBps,
    Optional<URI> salesEndpoint) {

  public static final int MAX_BPS = 10_000;

  public IssuerAccount {
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bankAccount, "bankAccount");
    Objects.requireNonNull(salesEndpoint, "salesEndpoint");
    if (feeBps < 0 || feeBps > MAX_BPS) {
      throw new IllegalArgumentException("fee must be 0 to " + MAX_BPS + " basis points");
    }
    salesEndpoint.ifPresent(
        uri -> {
          if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("sales endpoint must be an http(s) URL");
          }
        });
  }
}
