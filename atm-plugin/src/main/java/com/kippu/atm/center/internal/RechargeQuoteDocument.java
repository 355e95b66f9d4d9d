package com.kippu.atm.center.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.RechargeQuote;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.io.IOException;
import java.time.Instant;

/** Reads the card issuer's signed recharge quote (type {@value #TYPE}, F11). */
final class RechargeQuoteDocument {
  static final String TYPE = "kippu/recharge-quote/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RechargeQuoteDocument() {}

  static RechargeQuote parse(SignedDocument signed) throws CenterException {
    JsonNode q;
    try {
      q = JSON.readTree(signed.payload());
    } catch (IOException e) {
      throw new CenterException("BAD_DOCUMENT", "signed recharge quote is not JSON", e);
    }
    if (!TYPE.equals(q.path("type").asText())) {
      throw new CenterException(
          "BAD_DOCUMENT", "not a recharge quote: type " + q.path("type").asText());
    }
    try {
      return new RechargeQuote(
          new CardId(DocumentParser.text(q, "cardId")),
          new IssuerId(DocumentParser.text(q, "issuerId")),
          DocumentParser.text(q, "issuerName"),
          new AccountNumber(DocumentParser.text(q, "issuerAccount")),
          yen(q, "valueYen"),
          yen(q, "amountYen"),
          yen(q, "valueAfterYen"),
          yen(q, "rechargedTodayYen"),
          yen(q, "maxCardValueYen"),
          yen(q, "maxPerDayYen"),
          Instant.parse(DocumentParser.text(q, "validUntil")),
          signed);
    } catch (RuntimeException e) {
      throw new CenterException(
          "BAD_DOCUMENT", "recharge quote is malformed: " + e.getMessage(), e);
    }
  }

  private static Money yen(JsonNode q, String field) throws CenterException {
    return Money.yen(DocumentParser.required(q, field).asLong());
  }

  /** The quote must answer this terminal's question: this card, this amount. */
  static void checkEcho(RechargeQuote quote, CardId cardId, Money amount) throws CenterException {
    if (!quote.cardId().equals(cardId) || !quote.amount().equals(amount)) {
      throw new CenterException(
          "BAD_ECHO", "the recharge quote is for another card or amount than asked");
    }
  }
}
