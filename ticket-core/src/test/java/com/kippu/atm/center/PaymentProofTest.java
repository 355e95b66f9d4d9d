package com.kippu.atm.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class PaymentProofTest {
  private static final Instant PAID = Instant.parse("2026-12-01T01:02:03Z");

  @Test
  void detailsAreACopySortedAndUnmodifiable() {
    Map<String, String> given = new HashMap<>();
    given.put(PaymentProof.PURSE_TRANSACTION_ID, "TX-7");
    given.put(PaymentProof.PURSE_ID, "KC-10001");
    PaymentProof p =
        new PaymentProof(
            PaymentProof.EMONEY, Money.yen(8800), "TX-7", "", "", PAID, "kippu-purse", given);
    given.put(PaymentProof.PURSE_SEQUENCE, "8");

    assertTrue(p.details() instanceof SortedMap);
    assertEquals(List.of("purseId", "purseTransactionId"), List.copyOf(p.details().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> p.details().put("x", "y"));
    assertEquals(
        p,
        new PaymentProof(
            PaymentProof.EMONEY,
            Money.yen(8800),
            "TX-7",
            "",
            "",
            PAID,
            "kippu-purse",
            Map.of("purseId", "KC-10001", "purseTransactionId", "TX-7")),
        "equal whatever map the details came in");
  }

  @Test
  void aProofWithoutDetailsHasAnEmptyMap() {
    PaymentProof p =
        PaymentProof.of(
            PaymentProof.ACCOUNT_TRANSFER, Money.yen(8800), "RRN1", "A1", "000001", PAID, "000001");
    assertEquals(Map.of(), p.details());
    assertEquals("000001", p.acquirer());
  }

  @Test
  void aCardNumberLeavesOnlyMasked() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new PaymentProof(
                PaymentProof.CREDIT_CARD,
                Money.yen(8800),
                "RRN1",
                "A1",
                "000001",
                PAID,
                "JCB",
                Map.of(PaymentProof.MASKED_CARD, "4980001234561235")));
  }
}
