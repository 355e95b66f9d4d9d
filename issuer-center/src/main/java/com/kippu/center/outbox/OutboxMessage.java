package com.kippu.center.outbox;

import com.kippu.center.catalog.IssuerId;
import java.time.Instant;
import java.util.Objects;

/**
 * A message waiting for delivery to an issuer's endpoint. {@code key} is the idempotency key: the
 * same message is always sent with the same key and bytes, so the receiver drops repeats.
 */
public record OutboxMessage(
    String key,
    IssuerId issuerId,
    MessageType type,
    byte[] payload,
    int attempts,
    Instant nextAttemptAt) {
  public OutboxMessage {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(type, "type");
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
