package com.kippu.atm.flow.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.journal.SessionId;
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
 * take the money back), is for staff; a center that cannot answer now is asked again later.
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
}
