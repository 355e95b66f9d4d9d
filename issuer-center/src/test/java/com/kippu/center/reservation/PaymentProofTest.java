package com.kippu.center.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentProofTest {
  private static final TerminalId TERMINAL = new TerminalId("ATM-0001");
  private static final Instant PAID = Instant.parse("2026-12-01T01:02:03Z");
  private static final String PAN = "4980001234561235"; // passes the Luhn check

  private static PaymentProof proof(
      PaymentMethod method, String reference, String approval, String stan, Map<String, String> d) {
    return PaymentProof.of(method, 8_800, reference, approval, stan, PAID, "000001", TERMINAL, d);
  }

  private static Map<String, String> purse(String card, String sequence, String transaction) {
    return Map.of(
        PaymentProof.PURSE_ID, card,
        PaymentProof.PURSE_SEQUENCE, sequence,
        PaymentProof.PURSE_BALANCE_AFTER, "1200",
        PaymentProof.PURSE_TRANSACTION_ID, transaction);
  }

  private static InvalidPaymentException refused(Runnable build) {
    return assertThrows(InvalidPaymentException.class, build::run);
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentMethod.class,
      names = {"ACCOUNT_TRANSFER", "CASH"})
  void bankMethodsCarryTheHostReferencesAndNothingElse(PaymentMethod method) {
    PaymentProof p = proof(method, "633512345678", "A1B2C3", "000123", Map.of());
    assertTrue(p.details().isEmpty());
    assertEquals(Collector.ISSUER, p.method().collector());

    InvalidPaymentException noStan =
        refused(() -> proof(method, "633512345678", "A1B2C3", " ", Map.of()));
    assertEquals("stan", noStan.field());
    assertTrue(noStan.missing());
    assertEquals(
        "approvalCode",
        refused(() -> proof(method, "633512345678", "", "000123", Map.of())).field());
    InvalidPaymentException card =
        refused(
            () ->
                proof(
                    method,
                    "633512345678",
                    "A1B2C3",
                    "000123",
                    Map.of(PaymentProof.MASKED_CARD, "498000******1234")));
    assertEquals("details.maskedCard", card.field());
    assertFalse(card.missing());
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentMethod.class,
      names = {"DEBIT_CARD", "CREDIT_CARD", "PREPAID_CARD"})
  void cardMethodsCarryAMaskedCardNeverAFullNumber(PaymentMethod method) {
    PaymentProof p =
        proof(
            method,
            "633512345678",
            "A1B2C3",
            "000123",
            Map.of(PaymentProof.MASKED_CARD, "498000******1234"));
    assertEquals(Map.of("maskedCard", "498000******1234"), p.details());

    InvalidPaymentException missing =
        refused(() -> proof(method, "633512345678", "A1B2C3", "000123", Map.of()));
    assertEquals("details.maskedCard", missing.field());
    assertTrue(missing.missing());

    InvalidPaymentException full =
        refused(
            () ->
                proof(
                    method,
                    "633512345678",
                    "A1B2C3",
                    "000123",
                    Map.of(PaymentProof.MASKED_CARD, PAN)));
    assertEquals("details.maskedCard", full.field());
    assertTrue(full.getMessage().contains("full card number"), full.getMessage());
    assertFalse(full.getMessage().contains(PAN), "the message never repeats the number");
  }

  @Test
  void aCardNumberIsRefusedWhereverItHides() {
    InvalidPaymentException inReference =
        refused(
            () ->
                proof(
                    PaymentMethod.CREDIT_CARD,
                    "R" + PAN,
                    "A1B2C3",
                    "000123",
                    Map.of(PaymentProof.MASKED_CARD, "498000******1234")));
    assertEquals("reference", inReference.field());
    assertFalse(inReference.getMessage().contains(PAN));

    InvalidPaymentException asKey =
        refused(
            () ->
                proof(
                    PaymentMethod.CREDIT_CARD,
                    "633512345678",
                    "A1B2C3",
                    "000123",
                    Map.of(PaymentProof.MASKED_CARD, "498000******1234", PAN, "x")));
    assertEquals("details", asKey.field(), "a key that may be a card number is not echoed");

    InvalidPaymentException unknown =
        refused(
            () ->
                proof(
                    PaymentMethod.CREDIT_CARD,
                    "633512345678",
                    "A1B2C3",
                    "000123",
                    Map.of(PaymentProof.MASKED_CARD, "498000******1234", "cvv", "123")));
    assertEquals("details.cvv", unknown.field(), "nothing the method does not carry is kept");

    assertTrue(MaskedCard.containsCardNumber("ref " + PAN + " end"));
    assertFalse(MaskedCard.containsCardNumber("4980001234561234"), "fails the Luhn check");
    assertFalse(MaskedCard.containsCardNumber("633512345678"), "an RRN is 12 digits");
  }

  @Test
  void eMoneyCarriesThePurseRecordNamedByItsTransaction() {
    PaymentProof p =
        proof(PaymentMethod.EMONEY, "TX-0042", "", "", purse("CARD-0001", "42", "TX-0042"));
    assertEquals(new CardId("CARD-0001"), p.purse().purseId());
    assertEquals(42, p.purse().sequence());
    assertEquals(1_200, p.purse().balanceAfterYen());
    assertNull(p.maskedCard());
    assertEquals(purse("CARD-0001", "42", "TX-0042"), p.details());
    assertEquals(Collector.ISSUER, p.method().collector(), "S1 ¶112: the value reaches the issuer");
    p.requirePaidFrom(new CardId("CARD-0001"));
    assertEquals(
        "details.purseId",
        refused(() -> p.requirePaidFrom(new CardId("CARD-0002"))).field(),
        "the purse is the card the ticket is for");

    assertEquals(
        "details.purseTransactionId",
        refused(
                () ->
                    proof(
                        PaymentMethod.EMONEY,
                        "TX-0043",
                        "",
                        "",
                        purse("CARD-0001", "42", "TX-0042")))
            .field());
    assertEquals(
        "details.purseSequence",
        refused(
                () ->
                    proof(
                        PaymentMethod.EMONEY,
                        "TX-0042",
                        "",
                        "",
                        purse("CARD-0001", "0", "TX-0042")))
            .field());
    assertEquals(
        "details.purseSequence",
        refused(
                () ->
                    proof(
                        PaymentMethod.EMONEY,
                        "TX-0042",
                        "",
                        "",
                        Map.of(
                            PaymentProof.PURSE_ID, "CARD-0001",
                            PaymentProof.PURSE_BALANCE_AFTER, "1200",
                            PaymentProof.PURSE_TRANSACTION_ID, "TX-0042")))
            .field());
  }

  @Test
  void theAcquirerIsRequiredAndPlain() {
    assertEquals(
        "acquirer",
        refused(
                () ->
                    PaymentProof.of(
                        PaymentMethod.ACCOUNT_TRANSFER,
                        8_800,
                        "633512345678",
                        "A1B2C3",
                        "000123",
                        PAID,
                        "bank 1",
                        TERMINAL,
                        Map.of()))
            .field());
    assertEquals(
        "amountYen",
        refused(
                () ->
                    PaymentProof.of(
                        PaymentMethod.ACCOUNT_TRANSFER,
                        0,
                        "633512345678",
                        "A1B2C3",
                        "000123",
                        PAID,
                        "000001",
                        TERMINAL,
                        Map.of()))
            .field());
  }

  @Test
  void anEMoneyIssuanceMustBePaidFromTheTicketsCard() {
    PaymentProof p =
        proof(PaymentMethod.EMONEY, "TX-0042", "", "", purse("CARD-0001", "42", "TX-0042"));
    assertThrows(
        InvalidPaymentException.class,
        () -> new IssueCommand(new ReservationNumber("R7K2M9Q4XZ1"), new CardId("CARD-0002"), p));
  }
}
