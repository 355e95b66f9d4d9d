package com.kippu.atm.flow.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.kippu.atm.spi.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** ISO 8583 field 39 mapped once onto the one payment outcome, each with its own message. */
class PaymentOutcomeTest {

  @ParameterizedTest
  @CsvSource({
    "00, APPROVED",
    "51, INSUFFICIENT_FUNDS",
    "14, INVALID_ACCOUNT",
    "54, EXPIRED_CARD",
    "55, WRONG_PIN",
    "75, PIN_TRIES_EXCEEDED",
    "91, ISSUER_UNAVAILABLE",
    "12, DECLINED",
    "96, DECLINED",
    "X9, DECLINED"
  })
  void fieldThirtyNineMapsToOneOutcome(String code, PaymentOutcome expected) {
    assertEquals(expected, PaymentOutcome.fromIso(code));
  }

  @ParameterizedTest
  @EnumSource(PaymentOutcome.class)
  void everyOutcomeTellsTheCustomerInBothLanguages(PaymentOutcome outcome) {
    String en = Messages.of(Locale.ENGLISH).render(outcome.text());
    String ja = Messages.of(Locale.JAPANESE).render(outcome.text());

    assertFalse(en.isBlank());
    assertFalse(ja.isBlank());
    assertFalse(en.equals(ja), "translated: " + en);
  }

  @Test
  void onlyApprovedIsApproved() {
    for (PaymentOutcome o : PaymentOutcome.values()) {
      assertEquals(o == PaymentOutcome.APPROVED, o.approved(), o.name());
    }
  }
}
