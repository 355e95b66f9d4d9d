package com.kippu.center.reservation;

import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Issuer;
import com.kippu.center.signing.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a hold on an event needs from the catalog (the event, its issuer and the issuer's signing
 * key), kept for {@code ttl} so a flash sale does not read the same three rows thousands of times a
 * second. A changed title or a new key shows within {@code ttl}; unknown events are not cached, so
 * an event added to the catalog can be sold at once.
 */
final class Sellers {
  /** The catalog side of a hold. */
  record Seller(Event event, Issuer issuer, SigningKey key) {}

  /** A cached read; {@code refreshing} lets one caller re-read while the others keep using it. */
  private record Entry(Seller seller, Instant readAt, AtomicBoolean refreshing) {}

  private final CatalogRepository catalog;
  private final Clock clock;
  private final Duration ttl;
  private final Map<EventId, Entry> cache = new ConcurrentHashMap<>();

  Sellers(CatalogRepository catalog, Clock clock, Duration ttl) {
    this.catalog = catalog;
    this.clock = clock;
    this.ttl = ttl;
  }

  Optional<Seller> of(EventId eventId) {
    Instant now = clock.instant();
    Entry e = cache.get(eventId);
    if (e != null
        && (now.isBefore(e.readAt().plus(ttl)) || !e.refreshing().compareAndSet(false, true))) {
      return Optional.of(e.seller());
    }
    // First use, or the one caller that refreshes a stale entry; the others keep the old one.
    Optional<Seller> read;
    try {
      read = read(eventId);
    } finally {
      if (e != null) {
        e.refreshing().set(false);
      }
    }
    read.ifPresentOrElse(
        s -> cache.put(eventId, new Entry(s, now, new AtomicBoolean())),
        () -> cache.remove(eventId));
    return read;
  }

  private Optional<Seller> read(EventId eventId) {
    Optional<Event> event = catalog.event(eventId);
    if (event.isEmpty()) {
      return Optional.empty();
    }
    Issuer issuer =
        catalog
            .issuer(event.get().issuerId())
            .orElseThrow(() -> new IllegalStateException("catalog names unknown issuer"));
    SigningKey key =
        catalog
            .signingKey(issuer.issuerId())
            .orElseThrow(
                () -> new IllegalStateException("issuer " + issuer.issuerId() + " has no key"));
    return Optional.of(new Seller(event.get(), issuer, key));
  }
}
