package com.kippu.center.browse;

import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.EventSummary;
import com.kippu.center.catalog.Issuer;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.product.CardType;
import com.kippu.center.product.Product;
import com.kippu.center.product.ProductRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The terminal's browsing hierarchy (S2 ¶22): card type, then genre, artist, date and venue, then
 * seat, each level with what remains on sale (S1 ¶36). Reads only; seat status already treats
 * lapsed holds as available.
 */
public final class CatalogBrowser {
  private final CatalogRepository catalog;
  private final ProductRepository products;
  private final Clock clock;

  public CatalogBrowser(CatalogRepository catalog, ProductRepository products, Clock clock) {
    this.catalog = catalog;
    this.products = products;
    this.clock = clock;
  }

  public List<CardTypeChoice> cardTypes() {
    List<CardTypeChoice> types = new ArrayList<>();
    for (CardType type : CardType.values()) {
      int offers =
          type == CardType.EVENT_TICKET
              ? catalog.events(clock.instant()).size()
              : products.products(type).size();
      types.add(new CardTypeChoice(type, offers));
    }
    return types;
  }

  public List<Choice> genres() {
    return group(catalog.events(clock.instant()), s -> s.event().genre());
  }

  /** Artists of one genre; empty when the genre has no events. */
  public List<Choice> artists(String genre) {
    return group(
        catalog.events(clock.instant()).stream()
            .filter(s -> s.event().genre().equals(genre))
            .toList(),
        s -> s.event().artist());
  }

  /** The date/venue level: events of one artist in one genre, in start order. */
  public List<EventSummary> events(String genre, String artist) {
    return catalog.events(clock.instant()).stream()
        .filter(s -> s.event().genre().equals(genre) && s.event().artist().equals(artist))
        .toList();
  }

  /** Availability per section and price, most expensive first; empty when the event is unknown. */
  public Optional<List<SectionAvailability>> sections(EventId eventId) {
    return catalog
        .seats(eventId, clock.instant())
        .map(
            seats -> {
              Map<String, int[]> counts = new LinkedHashMap<>();
              Map<String, Seat> first = new LinkedHashMap<>();
              for (Seat s : seats) {
                String key = s.section() + "\u0000" + s.priceYen();
                first.putIfAbsent(key, s);
                int[] c = counts.computeIfAbsent(key, k -> new int[2]);
                c[1]++;
                if (s.available()) {
                  c[0]++;
                }
              }
              List<SectionAvailability> list = new ArrayList<>();
              counts.forEach(
                  (key, c) ->
                      list.add(
                          new SectionAvailability(
                              first.get(key).section(), first.get(key).priceYen(), c[0], c[1])));
              return list;
            });
  }

  public List<Product> products(CardType type) {
    return products.products(type);
  }

  /** The issuer's name as customers read it (a railway's, S2 ¶26); its id when unknown. */
  public String issuerName(IssuerId issuerId) {
    return catalog.issuer(issuerId).map(Issuer::name).orElse(issuerId.value());
  }

  private static List<Choice> group(List<EventSummary> events, Function<EventSummary, String> key) {
    Map<String, int[]> totals = new TreeMap<>();
    for (EventSummary s : events) {
      int[] t = totals.computeIfAbsent(key.apply(s), k -> new int[3]);
      t[0]++;
      t[1] += s.availableSeats();
      t[2] += s.totalSeats();
    }
    List<Choice> choices = new ArrayList<>();
    totals.forEach((name, t) -> choices.add(new Choice(name, t[0], t[1], t[2])));
    return choices;
  }
}
