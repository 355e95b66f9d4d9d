package com.kippu.center.application;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.sales.PayingCards;
import com.kippu.center.sales.ProductSaleOutcome;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Records the sale of a card application a terminal installed after payment (F11, S2 ¶45, ¶53), so
 * that its issuer gets the sales record and is settled for it like for every other sale: the
 * version must exist, the payment equal its price and pay for nothing else, nothing of the issuer
 * goes onto a card reported lost or invalidated, and, as for tickets and passes, nothing goes onto
 * or is paid by a prepaid card never activated, nor paid by the purse of a card reported lost. The
 * terminal's request number names one sale: a repeat (a lost answer, recovery) gets the same sale.
 */
public final class ApplicationSales {
  private final CardApplicationRepository applications;
  private final ApplicationSaleRepository sales;
  private final PayingCards paying;
  private final NumberGenerator numbers;
  private final Clock clock;

  public ApplicationSales(
      CardApplicationRepository applications,
      ApplicationSaleRepository sales,
      PayingCards paying,
      NumberGenerator numbers,
      Clock clock) {
    this.applications = applications;
    this.sales = sales;
    this.paying = paying;
    this.numbers = numbers;
    this.clock = clock;
  }

  /** What the terminal sold. */
  public record Order(
      TerminalId terminal,
      RequestNumber request,
      String appId,
      int version,
      CardId cardId,
      PaymentProof payment) {}

  public Answer<ProductSaleOutcome, ApplicationSale> sell(Order order) {
    Optional<CardApplication> found = applications.version(order.appId(), order.version());
    if (found.isEmpty()) {
      return Answer.refused(
          ProductSaleOutcome.PRODUCT_NOT_FOUND,
          "no application " + order.appId() + " version " + order.version(),
          "version");
    }
    CardApplication app = found.get();
    Optional<ApplicationSale> earlier = sales.byRequest(order.terminal(), order.request());
    if (earlier.isPresent()) {
      return replayed(earlier.get(), order);
    }
    if (order.payment().amountYen() != app.priceYen()) {
      return Answer.refused(
          ProductSaleOutcome.AMOUNT_MISMATCH,
          "paid " + order.payment().amountYen() + " yen, the price is " + app.priceYen(),
          "payment.amountYen");
    }
    Optional<String> refused = paying.standing().refusal(order.cardId(), app.issuerId());
    if (refused.isPresent()) {
      return Answer.refused(ProductSaleOutcome.CARD_LOST, refused.get(), "cardId");
    }
    Optional<PayingCards.Refusal> payer = paying.refusal(order.cardId(), order.payment());
    if (payer.isPresent()) {
      return payer.get().answer();
    }
    ApplicationSale sale =
        new ApplicationSale(
            numbers.applicationSaleNumber(),
            order.terminal(),
            order.request(),
            app.issuerId(),
            app.appId(),
            app.version(),
            order.cardId(),
            app.priceYen(),
            order.payment().method().name(),
            order.payment().reference(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    ApplicationSaleRepository.Recorded recorded = sales.record(sale, order.payment());
    return switch (recorded.outcome()) {
      case SOLD -> Answer.of(ProductSaleOutcome.SOLD, recorded.sale().orElseThrow());
      case REPLAYED -> replayed(recorded.sale().orElseThrow(), order);
      default ->
          Answer.refused(
              recorded.outcome(),
              "payment "
                  + order.payment().method()
                  + " "
                  + order.payment().reference()
                  + " already paid for something else",
              "payment.reference");
    };
  }

  private static Answer<ProductSaleOutcome, ApplicationSale> replayed(
      ApplicationSale earlier, Order order) {
    boolean same =
        earlier.appId().equals(order.appId())
            && earlier.version() == order.version()
            && earlier.cardId().equals(order.cardId())
            && earlier.paymentReference().equals(order.payment().reference());
    if (!same) {
      return Answer.refused(
          ProductSaleOutcome.REQUEST_NUMBER_REUSED,
          "request " + order.request() + " named another sale of this terminal",
          "requestNumber");
    }
    return Answer.of(ProductSaleOutcome.REPLAYED, earlier);
  }
}
