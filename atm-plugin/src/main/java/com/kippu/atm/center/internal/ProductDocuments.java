package com.kippu.atm.center.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CardType;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.CommuterPass;
import com.kippu.atm.center.FareClass;
import com.kippu.atm.center.Holder;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.Product;
import com.kippu.atm.center.ProductId;
import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.center.RailSection;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Reads what the center answers about products (F7): catalog entries, the issuer's signed product
 * quote (type {@value #QUOTE}) and the railway's signed pass, and checks that each answers the
 * terminal's own question.
 */
final class ProductDocuments {
  static final String QUOTE = "kippu/product-quote/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProductDocuments() {}

  static Product product(JsonNode p, CardType type) throws CenterException {
    try {
      JsonNode value = p.get("valueYen");
      return new Product(
          new ProductId(DocumentParser.text(p, "productId")),
          new IssuerId(DocumentParser.text(p, "issuerId")),
          p.hasNonNull("issuerName") ? p.get("issuerName").asText() : p.get("issuerId").asText(),
          type,
          DocumentParser.text(p, "name"),
          Money.yen(DocumentParser.required(p, "priceYen").asLong()),
          Money.yen(value == null ? 0 : value.asLong()),
          section(p));
    } catch (RuntimeException e) {
      throw new CenterException("BAD_RESPONSE", "product is malformed: " + e.getMessage(), e);
    }
  }

  private static Optional<RailSection> section(JsonNode p) throws CenterException {
    JsonNode s = p.get("section");
    if (s == null || s.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new RailSection(
            DocumentParser.text(s, "line"),
            DocumentParser.text(s, "fromStation"),
            DocumentParser.text(s, "toStation"),
            DocumentParser.required(s, "periodDays").asInt()));
  }

  static ProductQuote quote(SignedDocument signed) throws CenterException {
    JsonNode q;
    try {
      q = JSON.readTree(signed.payload());
    } catch (IOException e) {
      throw new CenterException("BAD_DOCUMENT", "signed product quote is not JSON", e);
    }
    if (!QUOTE.equals(q.path("type").asText())) {
      throw new CenterException(
          "BAD_DOCUMENT", "not a product quote: type " + q.path("type").asText());
    }
    try {
      JsonNode value = q.get("valueYen");
      return new ProductQuote(
          new IssuerId(DocumentParser.text(q, "issuerId")),
          DocumentParser.text(q, "issuerName"),
          new AccountNumber(DocumentParser.text(q, "issuerAccount")),
          new ProductId(DocumentParser.text(q, "productId")),
          CardType.valueOf(DocumentParser.text(q, "cardType")),
          DocumentParser.text(q, "name"),
          FareClass.valueOf(DocumentParser.text(q, "fareClass")),
          Money.yen(DocumentParser.required(q, "amountYen").asLong()),
          Money.yen(value == null ? 0 : value.asLong()),
          section(q),
          date(q, "validFrom"),
          date(q, "validUntil"),
          Instant.parse(DocumentParser.text(q, "quoteValidUntil")),
          signed);
    } catch (RuntimeException e) {
      throw new CenterException("BAD_DOCUMENT", "product quote is malformed: " + e.getMessage(), e);
    }
  }

  private static Optional<LocalDate> date(JsonNode q, String field) {
    return q.hasNonNull(field)
        ? Optional.of(LocalDate.parse(q.get(field).asText()))
        : Optional.empty();
  }

  /** The quote must answer the question asked: this product, this class, this first day. */
  static void checkEcho(
      ProductQuote quote, ProductId productId, FareClass fareClass, Optional<LocalDate> validFrom)
      throws CenterException {
    if (!quote.productId().equals(productId)
        || quote.fareClass() != fareClass
        || !quote.validFrom().equals(validFrom)) {
      throw new CenterException(
          "BAD_ECHO", "the quote is for another product, class or first day than asked");
    }
  }

  /** The pass must be this sale's: this request, card, product, terms, holder and payment. */
  static void checkPass(
      CommuterPass pass,
      String requestNumber,
      ProductQuote quote,
      Holder holder,
      CardId cardId,
      PaymentProof payment)
      throws CenterException {
    if (!pass.requestNumber().equals(requestNumber)
        || !pass.cardId().equals(cardId)
        || !pass.productId().equals(quote.productId().value())
        || !pass.issuerId().equals(quote.issuerId())
        || !pass.fareClass().equals(quote.fareClass().name())
        || !Optional.of(pass.validFrom()).equals(quote.validFrom())
        || !pass.holderName().equals(holder.name())
        || pass.amount().yen() != payment.amount().yen()
        || !pass.paymentReference().equals(payment.reference())) {
      throw new CenterException(
          "BAD_ECHO", "pass " + pass.passNumber() + " does not answer sale " + requestNumber);
    }
  }
}
