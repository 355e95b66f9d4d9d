package com.kippu.center.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.signing.SigningKey;
import com.kippu.center.user.UserId;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Commuter passes in a lost card's reissue (F9, S2 ¶38-40): each pass of the lost card still valid
 * today, not replaced before, is issued again onto the new card under a new number, signed by the
 * railway for that card, with the same section, period, holder and fare class. It is recorded once
 * (a repeat onto the same new card returns the same passes) and told to the railway as a reissue of
 * the pass it replaces, not as a new sale. Expired passes are not carried over.
 */
public final class PassReissues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PassReissueRepository passes;
  private final CatalogRepository catalog;
  private final NumberGenerator numbers;
  private final Clock clock;
  private final ZoneId zone;

  public PassReissues(
      PassReissueRepository passes,
      CatalogRepository catalog,
      NumberGenerator numbers,
      Clock clock,
      ZoneId zone) {
    this.passes = passes;
    this.catalog = catalog;
    this.numbers = numbers;
    this.clock = clock;
    this.zone = zone;
  }

  /** Reissues the lost card's valid passes onto {@code newCard}, once; all its replacements. */
  public List<ReissuedPass> reissue(CardId lost, CardId newCard, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    List<ReissuedPass> fresh = new ArrayList<>();
    for (CardPass p : passes.passesOn(lost)) {
      if (p.replacedBy().isPresent() || p.validUntil().isBefore(today)) {
        continue;
      }
      SigningKey key =
          catalog
              .signingKey(p.issuerId())
              .orElseThrow(() -> new IllegalStateException(p.issuerId() + " has no key"));
      String number = numbers.passNumber();
      fresh.add(
          new ReissuedPass(
              number,
              p.passNumber(),
              p.originalPass(),
              p.issuerId(),
              newCard,
              p.validUntil(),
              now,
              key.sign(payload(p.signed().payload(), number, newCard, now, p.passNumber()))));
    }
    return passes.reissue(lost, newCard, fresh, now);
  }

  /** The passes on the user's cards, for recall (S2 ¶36). */
  public List<CardPass> passesOf(UserId user) {
    return passes.passesOf(user);
  }

  /** What a pass is now: VALID, EXPIRED, REISSUED (onto a new card) or LOST (its card is). */
  public String state(CardPass pass, boolean cardLost) {
    if (pass.replacedBy().isPresent()) {
      return "REISSUED";
    }
    if (cardLost) {
      return "LOST";
    }
    return pass.validUntil().isBefore(LocalDate.now(clock.withZone(zone))) ? "EXPIRED" : "VALID";
  }

  /** The pass as signed before, with the new number, card and time, naming the pass it replaces. */
  private static byte[] payload(
      byte[] original, String number, CardId card, Instant at, String replaced) {
    try {
      ObjectNode p = (ObjectNode) JSON.readTree(original);
      p.put("passNumber", number);
      p.put("cardId", card.value());
      p.put("issuedAt", at.toString());
      p.put("reissueOf", replaced);
      return JSON.writeValueAsBytes(p);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("stored pass is not a JSON object", e);
    }
  }
}
