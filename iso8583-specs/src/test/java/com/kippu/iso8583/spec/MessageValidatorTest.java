package com.kippu.iso8583.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {
  private final MessageValidator bank = new MessageValidator(Link.BANK_HOST);
  private final MessageValidator cards = new MessageValidator(Link.CARD_NETWORK);

  private static ISOMsg transfer() throws Exception {
    ISOMsg m = new ISOMsg("0200");
    m.set(2, "000100112345671");
    m.set(3, "401000");
    m.set(4, "000000008800");
    m.set(7, "0401013000");
    m.set(11, "000042");
    m.set(41, "ATM00001");
    m.set(49, "392");
    m.set(52, new byte[8]);
    m.set(102, "0001-001-1234567");
    m.set(103, "0009-100-7654321");
    m.set(128, new byte[8]);
    return m;
  }

  private static ISOMsg deposit() throws Exception {
    ISOMsg m = transfer();
    m.set(3, "210000");
    m.unset(2);
    m.unset(52);
    m.unset(102);
    return m;
  }

  @Test
  void conformingTransferPasses() throws Exception {
    assertEquals("0200-account-transfer", bank.validate(transfer()).spec().id());
  }

  @Test
  void missingMandatoryFieldIsNamed() throws Exception {
    ISOMsg m = transfer();
    m.unset(102);
    SpecViolationException e = assertThrows(SpecViolationException.class, () -> bank.validate(m));
    assertEquals(102, e.firstField());
    assertTrue(
        e.getMessage().contains("field 102 (account identification 1): missing"), e.getMessage());
  }

  @Test
  void fieldTheSpecDoesNotListIsRejected() throws Exception {
    ISOMsg m = transfer();
    m.set(Field.EXPIRATION_DATE, "2712");
    SpecViolationException e = assertThrows(SpecViolationException.class, () -> bank.validate(m));
    assertEquals(14, e.firstField());
    assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
  }

  @Test
  void transferWithoutCardNumberOrPinBlockIsRejected() throws Exception {
    for (int field : new int[] {Field.PAN, Field.PIN_BLOCK}) {
      ISOMsg m = transfer();
      m.unset(field);
      SpecViolationException e = assertThrows(SpecViolationException.class, () -> bank.validate(m));
      assertEquals(field, e.firstField());
      assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
  }

  @Test
  void cashDepositCarriesNeitherCardNumberNorPinBlock() throws Exception {
    assertEquals("0200-cash-deposit", bank.validate(deposit()).spec().id());
    ISOMsg withPin = deposit();
    withPin.set(Field.PIN_BLOCK, new byte[8]);
    assertEquals(
        52, assertThrows(SpecViolationException.class, () -> bank.validate(withPin)).firstField());
    ISOMsg withCard = deposit();
    withCard.set(Field.PAN, "000100112345671");
    assertEquals(
        2, assertThrows(SpecViolationException.class, () -> bank.validate(withCard)).firstField());
  }

  @Test
  void transferAnswerDoesNotEchoCardNumberOrPinBlock() throws Exception {
    ISOMsg r = transfer();
    r.setMTI("0210");
    r.set(39, "55");
    assertEquals(
        2, assertThrows(SpecViolationException.class, () -> bank.validate(r)).firstField());
    r.unset(2);
    assertEquals(
        52, assertThrows(SpecViolationException.class, () -> bank.validate(r)).firstField());
    r.unset(52);
    assertDoesNotThrow(() -> bank.validate(r));
  }

  @Test
  void wrongLengthAndCharsetAreNamedWithoutTheValue() throws Exception {
    ISOMsg m = transfer();
    m.set(4, "88");
    m.set(41, "ATM\u00010001");
    m.set(102, "0001-001-12345678901234567890123");
    SpecViolationException e = assertThrows(SpecViolationException.class, () -> bank.validate(m));
    assertEquals(3, e.violations().size(), e.getMessage());
    assertTrue(
        e.getMessage().contains("field 4 (amount, transaction): wrong length, format is n12"));
    assertTrue(
        e.getMessage().contains("field 41 (card acceptor terminal id): characters outside ans"));
    assertTrue(e.getMessage().contains("field 102"));
    assertFalse(e.getMessage().contains("0001-001"), "no value in the message");
  }

  @Test
  void binaryFieldOfWrongSizeIsRejected() throws Exception {
    ISOMsg m = transfer();
    m.set(128, new byte[4]);
    SpecViolationException e = assertThrows(SpecViolationException.class, () -> bank.validate(m));
    assertEquals(128, e.firstField());
  }

  @Test
  void valueOutsideTheListedCodesIsRejected() throws Exception {
    ISOMsg m = transfer();
    m.set(49, "840");
    assertEquals(
        49, assertThrows(SpecViolationException.class, () -> bank.validate(m)).firstField());
  }

  @Test
  void unknownMtiAndUnknownProcessingCodeAreNamed() throws Exception {
    ISOMsg m = transfer();
    m.setMTI("0300");
    assertEquals(
        0, assertThrows(SpecViolationException.class, () -> bank.validate(m)).firstField());
    ISOMsg n = transfer();
    n.set(3, "999999");
    assertEquals(
        3, assertThrows(SpecViolationException.class, () -> bank.validate(n)).firstField());
  }

  @Test
  void approvalCodeOnlyWithApproval() throws Exception {
    ISOMsg r = transfer();
    r.setMTI("0210");
    r.unset(2);
    r.unset(52);
    r.set(39, "51");
    assertDoesNotThrow(() -> bank.validate(r));
    r.set(38, "000001");
    assertEquals(
        38, assertThrows(SpecViolationException.class, () -> bank.validate(r)).firstField());
    r.set(39, "00");
    assertDoesNotThrow(() -> bank.validate(r));
    r.unset(38);
    assertEquals(
        38, assertThrows(SpecViolationException.class, () -> bank.validate(r)).firstField());
  }

  @Test
  void formatErrorAnswerMayLackEchoedFields() throws Exception {
    ISOMsg r = new ISOMsg("0210");
    r.set(11, "000042");
    r.set(39, "30");
    r.set(41, "ATM00001");
    r.set(128, new byte[8]);
    assertDoesNotThrow(() -> bank.validate(r));
    r.set(39, "00");
    assertThrows(SpecViolationException.class, () -> bank.validate(r));
  }

  @Test
  void reversalCarriesFromAccountOnlyForTransfersAndNeverCardOrPin() throws Exception {
    ISOMsg m = transfer();
    m.setMTI("0420");
    assertEquals(
        2, assertThrows(SpecViolationException.class, () -> bank.validate(m)).firstField());
    m.unset(2);
    assertEquals(
        52, assertThrows(SpecViolationException.class, () -> bank.validate(m)).firstField());
    m.unset(52);
    m.set(90, "0200000042040101300000000000001" + "00000000000");
    assertDoesNotThrow(() -> bank.validate(m));
    m.set(3, "001000");
    assertEquals(
        102, assertThrows(SpecViolationException.class, () -> bank.validate(m)).firstField());
    m.unset(102);
    assertDoesNotThrow(() -> bank.validate(m));
  }

  @Test
  void cardNetworkAuthorizationUsesField64AndRejectsBankFields() throws Exception {
    ISOMsg m = new ISOMsg("0100");
    m.set(2, "4980000000001234");
    m.set(3, "003000");
    m.set(4, "000000001000");
    m.set(7, "0401013000");
    m.set(11, "000001");
    m.set(14, "2712");
    m.set(41, "ATM00001");
    m.set(42, "KIPPU-TICKETS  ");
    m.set(49, "392");
    m.set(64, new byte[8]);
    assertDoesNotThrow(() -> cards.validate(m));
    m.set(52, new byte[8]);
    assertEquals(
        52, assertThrows(SpecViolationException.class, () -> cards.validate(m)).firstField());
  }

  @Test
  void everySpecIsConsistent() {
    for (MessageSpec s : Specs.all()) {
      assertFalse(s.request().mtis().isEmpty(), s.id());
      assertTrue(s.response().rule(Field.RESPONSE_CODE).isPresent(), s.id());
      boolean mac =
          s.request().rule(Field.MAC).isPresent()
              || s.request().rule(Field.MAC_SECONDARY).isPresent();
      assertTrue(mac, s.id() + " request has a MAC");
    }
  }
}
