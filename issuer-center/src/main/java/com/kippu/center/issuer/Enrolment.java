package com.kippu.center.issuer;

import java.util.Optional;

/**
 * The result of enrolling or updating an issuer: the account as stored and, only when it was just
 * created, the API secret (shown once; the center keeps it to verify signatures).
 */
public record Enrolment(IssuerAccount account, Optional<String> newApiSecret) {}
