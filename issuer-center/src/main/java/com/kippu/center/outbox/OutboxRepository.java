package com.kippu.center.outbox;

import java.time.Instant;
import java.util.List;

/** Port to the outbox. Messages are added by the transactions that cause them (sale, lost card). */
public interface OutboxRepository {

  /** Undelivered messages whose next attempt is due, oldest first. */
  List<OutboxMessage> due(Instant now, int limit);

  void markDelivered(String key, Instant at);

  void markFailed(String key, int attempts, Instant nextAttemptAt, String error);

  /** Undelivered messages of any issuer. */
  int pending();
}
