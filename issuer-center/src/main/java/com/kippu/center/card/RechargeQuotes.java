package com.kippu.center.card;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.Issuer;
import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * F11 before money moves: the center checks the recharge against the card's limits ({@link
 * PrepaidService#checkRecharge}) and the card's issuer signs a quote naming the amount and the
 * account to pay into, so the terminal pays only for a recharge the center will take and only into
 * the issuer's account (as the F6 quote does for seats). Nothing is stored; the recharge that
 * follows checks the limits again.
 */
public final class RechargeQuotes {
  public static final String TYPE = "kippu/recharge-quote/v1";

  /** How long a terminal may pay on a quote before asking again. */
  public static final Duration VALIDITY = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrepaidService prepaid;
  private final CatalogRepository catalog;
  private final Clock clock;

  public RechargeQuotes(PrepaidService prepaid, CatalogRepository catalog, Clock clock) {
    this.prepaid = prepaid;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** A quote signed by the card's issuer, or the refusal of the recharge with its reason. */
  /** The prepaid cards whose recharges are quoted. */
  public PrepaidService prepaid() {
    return prepaid;
  }

  public Answer<CardOutcome, Quoted> quote(TerminalId terminal, CardId cardId, long amountYen) {
    Answer<CardOutcome, RechargeCheck> check = prepaid.checkRecharge(cardId, amountYen);
    if (!check.success()) {
      return Answer.refused(check.outcome(), check.message(), check.field());
    }
    RechargeCheck c = check.value();
    Issuer issuer =
        catalog
            .issuer(c.card().issuerId())
            .orElseThrow(() -> new IllegalStateException("card names unknown issuer"));
    SigningKey key =
        catalog
            .signingKey(issuer.issuerId())
            .orElseThrow(() -> new IllegalStateException(issuer.issuerId() + " has no key"));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return Answer.of(CardOutcome.OK, new Quoted(c, key.sign(payload(terminal, c, issuer, now))));
  }

  /** The check and the issuer's signed quote of it. */
  public record Quoted(RechargeCheck check, SignedDocument signed) {}

  private static byte[] payload(TerminalId terminal, RechargeCheck c, Issuer issuer, Instant now) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", TYPE);
      g.writeStringField("terminalId", terminal.value());
      g.writeStringField("cardId", c.card().cardId().value());
      g.writeStringField("productId", c.card().productId().value());
      g.writeStringField("issuerId", issuer.issuerId().value());
      g.writeStringField("issuerName", issuer.name());
      g.writeStringField("issuerAccount", issuer.bankAccount());
      g.writeNumberField("valueYen", c.card().valueYen());
      g.writeNumberField("amountYen", c.amountYen());
      g.writeNumberField("valueAfterYen", c.valueAfterYen());
      g.writeNumberField("rechargedTodayYen", c.rechargedTodayYen());
      g.writeNumberField("maxCardValueYen", c.limits().maxCardValueYen());
      g.writeNumberField("maxPerDayYen", c.limits().maxPerDayYen());
      g.writeStringField("quotedAt", now.toString());
      g.writeStringField("validUntil", now.plus(VALIDITY).toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode recharge quote", e);
    }
    return out.toByteArray();
  }
}
