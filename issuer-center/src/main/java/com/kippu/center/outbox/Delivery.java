package com.kippu.center.outbox;

import java.net.URI;

/** Port that hands one message to an issuer's endpoint; true only when the receiver took it. */
@FunctionalInterface
public interface Delivery {
  /** Never throws for a network or receiver failure: returns a refusal with the reason. */
  Result deliver(URI endpoint, OutboxMessage message);

  /** What happened to one attempt. */
  record Result(boolean delivered, String detail) {}
}
