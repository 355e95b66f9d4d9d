package com.kippu.atm.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CardNumberTest {

  /** The Luhn sum of a number that ends in its check digit is a multiple of 10. */
  private static boolean passesLuhn(String number) {
    int sum = 0;
    for (int i = 0; i < number.length(); i++) {
      int d = number.charAt(number.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  @Test
  void checkDigitMatchesTheStandardWorkedExample() {
    // ISO/IEC 7812-1 Annex B's worked example: 7992739871 takes check digit 3.
    assertEquals('3', CardNumber.luhnCheckDigit("7992739871"));
    assertEquals('0', CardNumber.luhnCheckDigit("0"));
  }

  @Test
  void cashAccountCardIsBankBranchAndAccountDigitsThenLuhnDigit() {
    CardNumber card = CardNumber.ofCashAccount(new AccountNumber("0001-001-1234567"));

    assertEquals("000100112345671", card.value());
    assertEquals(15, card.value().length());
    assertTrue(passesLuhn(card.value()));
  }

  @Test
  void everyCashAccountCardPassesLuhnAndDiffersPerAccount() {
    CardNumber previous = null;
    for (int account = 0; account < 200; account++) {
      CardNumber card =
          CardNumber.ofCashAccount(new AccountNumber(String.format("0009-123-%07d", account)));
      assertTrue(passesLuhn(card.value()), card.value());
      assertTrue(card.value().startsWith("0009123"), card.value());
      assertNotEquals(previous, card);
      previous = card;
    }
  }

  @Test
  void aMistypedDigitFailsTheCheck() {
    String good = CardNumber.ofCashAccount(new AccountNumber("0001-001-2345678")).value();
    char[] typo = good.toCharArray();
    typo[5] = typo[5] == '9' ? '0' : (char) (typo[5] + 1);

    assertFalse(passesLuhn(new String(typo)));
  }

  @Test
  void aSwipedCashCardNamesItsAccountAndOtherCardsNone() {
    AccountNumber otherBank = new AccountNumber("0005-002-3456789");

    assertEquals(
        java.util.Optional.of(otherBank), CardNumber.ofCashAccount(otherBank).cashAccount());
    // A debit card's 16 digits, and 15 digits whose check digit fails, name no account.
    assertTrue(new CardNumber("4980001000012345").cashAccount().isEmpty());
    String good = CardNumber.ofCashAccount(otherBank).value();
    char wrong = good.charAt(14) == '9' ? '0' : (char) (good.charAt(14) + 1);
    assertTrue(new CardNumber(good.substring(0, 14) + wrong).cashAccount().isEmpty());
  }

  @Test
  void cashAccountCardIsShownMasked() {
    CardNumber card = CardNumber.ofCashAccount(new AccountNumber("0001-001-1234567"));

    assertEquals("000100*****5671", card.toString());
  }

  @Test
  void accountIsRequired() {
    assertThrows(NullPointerException.class, () -> CardNumber.ofCashAccount(null));
  }
}
