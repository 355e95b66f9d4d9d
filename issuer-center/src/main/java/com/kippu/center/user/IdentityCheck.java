package com.kippu.center.user;

import java.time.Instant;

/** An operator's check of a registration against a document shown in person (S2 ¶35, ¶37). */
public record IdentityCheck(UserId userId, String operator, String document, Instant checkedAt) {}
