package com.kippu.center.application;

import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.sales.ProductSaleOutcome;
import java.util.Optional;

/** Port to card application sales. */
public interface ApplicationSaleRepository {
  /** What recording a sale came to: the sale stored (or found), or why nothing was stored. */
  record Recorded(ProductSaleOutcome outcome, Optional<ApplicationSale> sale) {}

  /** The sale a terminal recorded under its request number. */
  Optional<ApplicationSale> byRequest(TerminalId terminal, RequestNumber request);

  /**
   * In one transaction: the sale under the same request number if there is one ({@link
   * ProductSaleOutcome#REPLAYED}); else refuses a payment proof recorded for anything else; else
   * stores the sale and its payment ({@link ProductSaleOutcome#SOLD}).
   */
  Recorded record(ApplicationSale sale, PaymentProof payment);
}
