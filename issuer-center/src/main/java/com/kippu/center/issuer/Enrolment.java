package com.kippu.center.issuer;

import java.util.Optional;

/**
 * The result of enrolling or updating an issuer: the account as stored, only when it was just
 * created the API secret (shown once; the center keeps it to verify signatures), and a payee bank
 * account change waiting for a second operator.
 */
public record Enrolment(
    IssuerAccount account,
    Optional<String> newApiSecret,
    Optional<PendingBankAccount> pendingBankAccount) {}
