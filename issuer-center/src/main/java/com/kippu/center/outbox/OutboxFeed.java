package com.kippu.center.outbox;

import java.time.Instant;

/** A source that turns recorded facts (e.g. sales) into outbox messages, each exactly once. */
@FunctionalInterface
public interface OutboxFeed {
  /** Adds the messages not yet in the outbox; returns how many it added. */
  int enqueue(Instant now);
}
