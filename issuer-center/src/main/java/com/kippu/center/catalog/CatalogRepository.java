package com.kippu.center.catalog;

import com.kippu.center.signing.PublishedKey;
import com.kippu.center.signing.SigningKey;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port to the catalog: issuers with their keys, events and seat maps. Seat status as read here
 * already treats holds past their expiry as available, so listings do not wait for the sweeper.
 */
public interface CatalogRepository {

  boolean isEmpty();

  List<EventSummary> events(Instant now);

  Optional<Event> event(EventId eventId);

  /** The seat map in section/row/number order, or empty when the event is unknown. */
  Optional<List<Seat>> seats(EventId eventId, Instant now);

  Optional<Issuer> issuer(IssuerId issuerId);

  Optional<SigningKey> signingKey(IssuerId issuerId);

  Optional<PublishedKey> publishedKey(IssuerId issuerId);

  /** Adds an issuer with its first key pair, published as {@code <issuerId>#1}. */
  void addIssuer(Issuer issuer, KeyPair keys);

  /** Adds an event and its seat map; every seat starts AVAILABLE. */
  void addEvent(Event event, List<Seat> seats);
}
