package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.flow.recharge.AddFunctionFlow;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.ScriptedCustomer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * F11, add a function, on fakes: the application is installed after payment and its sale recorded
 * at the center for its issuer; a sale whose answer was lost is recorded by recovery once, and a
 * sale the center refuses goes to staff, never to a refund of what the card holds.
 */
class AddFunctionFlowTest {
  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakePinPad pinPad = new Fakes.FakePinPad();
  private final Fakes.FakePrinter printer = new Fakes.FakePrinter();
  private final FakeJournal journal = new FakeJournal(TicketingPlugin.FINAL_STATES);
  private final Fakes.FakeClock clock = new Fakes.FakeClock(Instant.EPOCH);
  private final Fakes.FakeCard card =
      new Fakes.FakeCard(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
  private Fakes.FakeCenter center;

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
    center.clock = clock;
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
  }

  private PaymentMethods methods() {
    return Fakes.methods(bank, pinPad);
  }

  private FlowRunner.Result run() {
    return new AddFunctionFlow(
            card,
            center,
            methods(),
            printer,
            new ScriptedCustomer()
                .on("choose-application", "points")
                .on("choose-payment", TransferPayment.ID),
            Messages.of(Locale.JAPANESE),
            journal,
            clock,
            ZoneId.of("Asia/Tokyo"))
        .run(new PurchaseSession(new SessionId("S1"), Fakes.TERMINAL));
  }

  private List<PurchaseRecovery.Recovered> recover() {
    return new PurchaseRecovery(
            journal, center, methods(), Fakes.TERMINAL, Set.of(AddFunctionFlow.NAME))
        .run();
  }

  @Test
  void theInstalledApplicationsSaleIsRecordedForItsIssuer() {
    FlowRunner.Result result = run();

    assertTrue(result.completed(), result.reason());
    assertEquals(List.of(center.points), card.installed);
    assertEquals("points v1 KC-0001", center.applicationSales.get("S1"));
    assertEquals(50_000L - 500, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(500L, bank.balances.get(Fakes.ISSUER));
  }

  @Test
  void aSaleWhoseAnswerWasLostIsRecordedByRecoveryAndThePaymentStands() {
    center.applicationSaleAnswersLost = true;

    FlowRunner.Result result = run();

    assertFalse(result.completed(), "left to recovery: " + result.reason());
    assertEquals(List.of(new SessionId("S1")), journal.openSessions());
    center.applicationSaleAnswersLost = false;
    List<PurchaseRecovery.Recovered> recovered = recover();
    assertEquals(PurchaseRecovery.Action.INSTALLED, recovered.get(0).action());
    assertEquals(1, center.applicationSales.size(), "one sale: " + center.applicationSales);
    assertEquals(50_000L - 500, bank.balances.get(Fakes.CUSTOMER), "the payment stands");
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void aSaleTheCenterRefusesGoesToStaffAndThePaymentStands() {
    center.applicationSaleRefusal = "PAYMENT_ALREADY_USED";

    run();
    List<PurchaseRecovery.Recovered> recovered = recover();

    assertEquals(PurchaseRecovery.Action.NEEDS_STAFF, recovered.get(0).action());
    assertTrue(
        recovered.get(0).detail().contains("application points v1 aid"), recovered.toString());
    assertEquals(List.of(center.points), card.installed, "the card keeps what it was paid for");
    assertEquals(50_000L - 500, bank.balances.get(Fakes.CUSTOMER), "not refunded: staff settle");
  }
}
