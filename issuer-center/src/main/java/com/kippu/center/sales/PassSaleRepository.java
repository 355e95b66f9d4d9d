package com.kippu.center.sales;

import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import java.time.Instant;
import java.util.Optional;

/** Port to commuter-pass sales. */
public interface PassSaleRepository {

  /** What recording a sale came to: the sale stored (or found), or why nothing was stored. */
  record Recorded(ProductSaleOutcome outcome, Optional<PassSale> sale) {}

  /** The sale a terminal made under its request number. */
  Optional<PassSale> byRequest(TerminalId terminal, RequestNumber request);

  /**
   * In one transaction: the sale under the same request number if there is one ({@link
   * ProductSaleOutcome#REPLAYED}); else refuses a card reported lost, a pre-valued card never
   * activated and a payment proof recorded for anything else; else stores the sale and its payment
   * ({@link ProductSaleOutcome#SOLD}).
   */
  Recorded record(PassSale sale, PaymentProof payment);

  /**
   * In one transaction: {@link ProductSaleOutcome#PASS_SOLD} when a sale was made under the
   * request; else records {@code payment} as withdrawn for it ({@link
   * ProductSaleOutcome#WITHDRAWN}, also when it already is), so that no sale can use it later;
   * {@link ProductSaleOutcome#PAYMENT_ALREADY_USED} when the proof paid for anything else.
   */
  ProductSaleOutcome withdraw(
      TerminalId terminal, RequestNumber request, PaymentProof payment, Instant at);
}
