package com.kippu.center.issuer;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.SeatId;
import java.util.List;
import java.util.Optional;

/** Port to the catalog as issuers change it. */
public interface IssuerCatalogRepository {

  /**
   * What an upsert did; {@code refusedSeats} are held or sold seats whose terms it would change.
   */
  record Upsert(PublishOutcome outcome, List<SeatId> refusedSeats) {}

  /**
   * In one transaction: refuses an event owned by another issuer; creates a new event with its
   * seats; or updates the details, adds new seats and re-prices seats that are still AVAILABLE
   * (refusing, with nothing written, when a held or sold seat would change). Seats absent from the
   * listing stay as they are.
   */
  Upsert upsertEvent(IssuerId caller, EventListing listing);

  Optional<EventImage> image(EventId eventId);
}
