package com.kippu.atm.flow.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.HomePayment;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.Money;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.TerminalProfile.Kind;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a home PC's restored session does with the center's answer to taking its payment back: a
 * payment the center never recorded, or one a sale used (the center keeps the sale and will not
 * take the money back), is for staff; a center that cannot answer now is asked again later. A
 * payment the center still holds as pending (it recorded the payment but not yet the host's answer)
 * is neither paid nor free of money moved: the center is asked to reverse it.
 */
class CenterPaymentsTest {
  private static final TerminalProfile HOME =
      new TerminalProfile("HOME0001", Kind.HOME_PC, Set.of());

  private final List<String> asked = new ArrayList<>();

  /** A center whose every reversal is refused with {@code code}; nothing else is asked of it. */
  private IssuerCenter stubCenterRefusing(String code) {
    return (IssuerCenter)
        Proxy.newProxyInstance(
            IssuerCenter.class.getClassLoader(),
            new Class<?>[] {IssuerCenter.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("homeReverse")) {
                throw new UnsupportedOperationException(method.getName());
              }
              asked.add((String) args[0]);
              throw new CenterException(code, "refused");
            });
  }

  /**
   * A center that reads the payment as {@code recorded} and answers a reversal with {@code
   * afterReversal}; nothing else is asked of it.
   */
  private IssuerCenter stubCenterRecording(String recorded, String afterReversal) {
    return (IssuerCenter)
        Proxy.newProxyInstance(
            IssuerCenter.class.getClassLoader(),
            new Class<?>[] {IssuerCenter.class},
            (proxy, method, args) -> {
              asked.add(method.getName());
              return switch (method.getName()) {
                case "homePayment" -> payment((String) args[0], recorded);
                case "homeReverse" -> payment((String) args[0], afterReversal);
                default -> throw new UnsupportedOperationException(method.getName());
              };
            });
  }

  private static HomePayment payment(String reference, String status) {
    boolean answered = !status.equals("PENDING");
    return new HomePayment(
        reference,
        "CARD",
        status,
        answered ? "00" : "",
        Money.yen(8_800),
        "411111******2225",
        answered ? "RRN000000001" : "",
        answered ? "A00001" : "",
        answered ? "000001" : "",
        answered ? java.time.Instant.parse("2026-12-01T01:00:00Z") : null);
  }

  private static PurchaseSession paidSession() {
    PurchaseSession s = new PurchaseSession(new SessionId("HOME0001-S1"), HOME);
    s.payment().choose("stored-card");
    s.payment().request(s.id().value());
    return s;
  }

  @Test
  void aPaymentASaleUsedIsLeftToStaff() {
    PurchaseSession s = paidSession();
    assertEquals(
        PaymentMethod.Refund.NOTHING_KEPT,
        CenterPayments.refund(stubCenterRefusing("PAYMENT_ALREADY_USED"), s));
    assertEquals(List.of(s.payment().requiredId()), asked);
  }

  @Test
  void aPaymentTheCenterNeverRecordedIsLeftToStaff() {
    assertEquals(
        PaymentMethod.Refund.NOTHING_KEPT,
        CenterPayments.refund(stubCenterRefusing("PAYMENT_NOT_FOUND"), paidSession()));
  }

  @Test
  void aCenterThatCannotAnswerIsAskedAgainLater() {
    assertEquals(
        PaymentMethod.Refund.LATER,
        CenterPayments.refund(stubCenterRefusing("CARD_HOST_UNAVAILABLE"), paidSession()));
  }

  @Test
  void aRestoredSessionFindingItsPaymentPendingHasTheCenterReverseIt() {
    assertEquals(
        PaymentMethod.Resolution.REFUNDED,
        CenterPayments.resolve(
            stubCenterRecording("PENDING", "REVERSED"),
            paidSession(),
            (s, p) -> PaymentOutcome.APPROVED));
    assertEquals(List.of("homePayment", "homeReverse"), asked);
  }

  @Test
  void aPaymentStillPendingAfterItsReversalIsAskedAgainAtTheNextRecovery() {
    assertEquals(
        PaymentMethod.Resolution.NEEDS_CARD,
        CenterPayments.resolve(
            stubCenterRecording("PENDING", "PENDING"),
            paidSession(),
            (s, p) -> PaymentOutcome.APPROVED));
  }

  @Test
  void aLiveSessionAnsweredPendingIsNeitherPaidNorFreeOfMoneyMoved() {
    PurchaseSession s = paidSession();
    assertEquals(
        PaymentOutcome.NOT_COMPLETED,
        CenterPayments.unresolved(stubCenterRecording("PENDING", "PENDING"), s));
    assertEquals(List.of("homeReverse"), asked);
    assertTrue(s.payment().mayHaveMoved(), "recovery still asks the center");
    assertTrue(s.payment().approval().isEmpty());
  }

  @Test
  void aLiveSessionWhosePendingPaymentTheCenterTookBackMovedNoMoney() {
    PurchaseSession s = paidSession();
    assertEquals(
        PaymentOutcome.NOT_COMPLETED,
        CenterPayments.unresolved(stubCenterRecording("PENDING", "REVERSED"), s));
    assertFalse(s.payment().mayHaveMoved());
  }

  @Test
  void aPendingPaymentTakenBackLaterIsRefundedLater() {
    assertEquals(
        PaymentMethod.Refund.LATER,
        CenterPayments.refund(stubCenterRecording("PENDING", "PENDING"), paidSession()));
  }
}
