package com.kippu.center.outbox;

import com.kippu.center.issuer.IssuerAccount;
import com.kippu.center.issuer.IssuerAccountRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the outbox to issuers' endpoints, at least once: a message is marked delivered only
 * after its receiver answered 2xx, so a crash between sending and marking sends it again with the
 * same idempotency key. A failed attempt waits 30 s, doubling per attempt up to one hour.
 */
public final class OutboxRelay {
  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration LONGEST_RETRY = Duration.ofHours(1);
  static final int BATCH = 100;

  /** One run: messages fed into the outbox, delivered, and failed (to be retried). */
  public record Report(int enqueued, int delivered, int failed) {}

  private final OutboxRepository outbox;
  private final List<OutboxFeed> feeds;
  private final IssuerAccountRepository accounts;
  private final Delivery delivery;
  private final Clock clock;

  public OutboxRelay(
      OutboxRepository outbox,
      List<OutboxFeed> feeds,
      IssuerAccountRepository accounts,
      Delivery delivery,
      Clock clock) {
    this.outbox = outbox;
    this.feeds = List.copyOf(feeds);
    this.accounts = accounts;
    this.delivery = delivery;
    this.clock = clock;
  }

  /** Feeds new facts into the outbox, then tries every due message once. */
  public Report runOnce() {
    Instant now = clock.instant();
    int enqueued = feeds.stream().mapToInt(f -> f.enqueue(now)).sum();
    int delivered = 0;
    int failed = 0;
    for (OutboxMessage m : outbox.due(now, BATCH)) {
      Optional<URI> endpoint = accounts.find(m.issuerId()).flatMap(IssuerAccount::salesEndpoint);
      Delivery.Result result =
          endpoint.isEmpty()
              ? new Delivery.Result(false, "issuer " + m.issuerId() + " has no sales endpoint")
              : delivery.deliver(endpoint.get(), m);
      if (result.delivered()) {
        outbox.markDelivered(m.key(), clock.instant());
        delivered++;
      } else {
        int attempts = m.attempts() + 1;
        outbox.markFailed(m.key(), attempts, now.plus(backoff(attempts)), result.detail());
        failed++;
      }
    }
    return new Report(enqueued, delivered, failed);
  }

  /** 30 s after the first failure, doubling, never more than an hour. */
  static Duration backoff(int attempts) {
    Duration wait = FIRST_RETRY;
    for (int i = 1; i < attempts && wait.compareTo(LONGEST_RETRY) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
  }
}
