package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.kiosk.KioskPurchaseFlow;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.TerminalProfile;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flow F7 on fakes: a card type chosen and browsed, paid, then a blank card fed from the stocker,
 * its face printed, the ticket sold onto it, written and handed out; and each way a stocker card
 * can end otherwise.
 */
class KioskPurchaseFlowTest {
  static final TerminalProfile KIOSK =
      new TerminalProfile(
          "KIOSK001",
          TerminalProfile.Kind.KIOSK,
          Set.of(
              TerminalProfile.Device.IC_CARD_WRITER,
              TerminalProfile.Device.CARD_STOCKER,
              TerminalProfile.Device.CARD_READER,
              TerminalProfile.Device.PIN_PAD));

  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakePinPad pinPad = new Fakes.FakePinPad();
  private final TransferPaymentTest.FakeReader reader = new TransferPaymentTest.FakeReader();
  private final Fakes.FakePrinter printer = new Fakes.FakePrinter();
  private final FakeJournal journal = new FakeJournal(TicketingPlugin.FINAL_STATES);
  private final TicketCard tickets =
      new TicketCard(new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("KIOSK001"));
  private final SessionId id = new SessionId("S1");
  private final Fakes.FakeClock clock = new Fakes.FakeClock(Instant.EPOCH);
  private final FakeCardUnit unit = new FakeCardUnit(true).withBlanks(2);
  private Fakes.FakeCenter center;

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
    center.clock = clock;
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
    reader.swipes.add(CardNumber.ofCashAccount(Fakes.CUSTOMER));
  }

  private PaymentMethods methods() {
    return new PaymentMethods(
        List.of(
            TransferPayment.withCashCard(bank, pinPad, reader, "000001", Duration.ofSeconds(30))));
  }

  private FlowRunner.Result run(ScriptedCustomer customer) {
    PaymentMethods methods = methods();
    return new KioskPurchaseFlow(
            unit,
            unit,
            tickets,
            center,
            center,
            methods,
            printer,
            customer,
            Messages.of(Locale.JAPANESE),
            journal,
            clock,
            ZoneId.of("Asia/Tokyo"),
            Duration.ofSeconds(10),
            Map.of("pp-3000", 1))
        .run(new PurchaseSession(id, KIOSK));
  }

  private static ScriptedCustomer buyer(String card) {
    return new ScriptedCustomer()
        .on("choose-card-type", "EVENT_TICKET")
        .on("select-genre", "pop")
        .on("select-artist", "Aoi")
        .on("select-date-venue", "evt-1")
        .on("select-seat", "A-1-2")
        .on("confirm-purchase", "confirm")
        .on("choose-card", card)
        .on("choose-payment", TransferPayment.WITH_CASH_CARD);
  }

  private Map<String, String> lastFacts() {
    List<JournalEntry> entries = journal.entries(id);
    return entries.get(entries.size() - 1).facts();
  }

  private int index(String state) {
    List<JournalEntry> entries = journal.entries(id);
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).state().equals(state)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aNewCardIsFedOnlyOncePaidThenPrintedSoldOntoWrittenAndHandedOut() throws Exception {
    ScriptedCustomer customer = buyer("new");

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(8800L, bank.balances.get(Fakes.ISSUER), "paid into the quoted account");
    assertTrue(index("pay.done") < index("take-card.begin"), "no card fed before payment");
    assertEquals(
        List.of("unit.feed KB-00001", "unit.face KB-00001", "unit.eject KB-00001"), unit.log);
    assertTrue(
        center.log.indexOf("center.purchase S1-D1") > center.log.indexOf("center.image"),
        "the face is printed before the sale: " + center.log);
    Fakes.FakeCard card = unit.handedOut.get(0);
    assertEquals(
        1, TicketCard.tickets(tickets.read(card, new CardId("KB-00001"))).size(), "on the card");
    assertEquals(Seat.Status.SOLD, center.seats.get(new SeatId("A-1-2")));
    assertEquals(1, unit.cardsIn(0), "one blank card used");
    List<String> face = unit.faces.get("KB-00001").lines();
    assertEquals("Gala", face.get(0));
    assertTrue(face.contains("Aブロック 1列 1番"), face.toString());
    Map<String, String> facts = lastFacts();
    assertEquals("KB-00001", facts.get("card"));
    assertEquals("stocker", facts.get("kiosk.cardSource"));
    assertEquals("true", facts.get("kiosk.cardTaken"));
    assertEquals("true", facts.get("kiosk.facePrinted"));
    assertFalse(facts.containsKey("account"), "a blank card names no account");
    assertTrue(printer.receipts.get(0).contains("TICKET WRITTEN TO IC CARD KB-00001"));
  }

  @Test
  void anEmptyStockerIsSaidBeforeAnyPaymentAndOnlyTheOwnCardIsOffered() {
    unit.hoppers.clear();
    ScriptedCustomer customer = buyer("new");

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.CANCELLED, result.state());
    var choose =
        customer.transcript().stream().filter(s -> s.id().equals("choose-card")).findFirst();
    assertTrue(choose.isPresent());
    assertFalse(choose.get().offers("new"), "no new card offered from an empty stocker");
    assertTrue(choose.get().offers("own"));
    assertTrue(bank.transfers.isEmpty(), "nothing charged");
    assertEquals(-1, index("pay.begin"));
  }

  @Test
  void aJammedFeedAfterPaymentTakesThePaymentBackAndSellsNothing() {
    unit.jamNextFeed = true;
    ScriptedCustomer customer = buyer("new");

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.CANCELLED, result.state(), result.reason());
    assertTrue(customer.screenIds().contains("card-not-issued"), customer.screenIds().toString());
    assertEquals(1, bank.reversed.size(), "the payment taken back");
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertFalse(center.log.stream().anyMatch(l -> l.startsWith("center.purchase")));
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")));
    assertEquals(1, unit.captured.size(), "the jammed card is in the bin");
  }

  @Test
  void aFailedFacePrintCapturesTheCardAndTakesThePaymentBack() {
    unit.failNextFacePrint = true;
    ScriptedCustomer customer = buyer("new");

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.CANCELLED, result.state(), result.reason());
    assertTrue(customer.screenIds().contains("face-print-failed"), customer.screenIds().toString());
    assertEquals(List.of("unit.feed KB-00001", "unit.capture KB-00001"), unit.log);
    assertEquals(1, bank.reversed.size(), "the payment taken back");
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertFalse(center.log.stream().anyMatch(l -> l.startsWith("center.purchase")));
    assertEquals("true", lastFacts().get("kiosk.cardCaptured"));
  }

  @Test
  void aCardNotTakenIsCapturedWithItsTicketAndTheSaleStands() throws Exception {
    unit.nobodyTakesTheCard = true;
    ScriptedCustomer customer = buyer("new");

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertTrue(customer.screenIds().contains("card-captured"), customer.screenIds().toString());
    Fakes.FakeCard card = unit.captured.get(0);
    assertEquals(1, TicketCard.tickets(tickets.read(card, new CardId("KB-00001"))).size());
    assertTrue(bank.reversed.isEmpty(), "the sale stands");
    assertEquals("true", lastFacts().get("kiosk.cardCaptured"));
  }

  @Test
  void theCustomersOwnCardGetsTheTicketAndKeepsItsFace() throws Exception {
    Fakes.FakeCard own =
        new Fakes.FakeCard(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
    unit.toInsert = own;
    ScriptedCustomer customer = buyer("own");

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertTrue(customer.screenIds().contains("insert-card"), customer.screenIds().toString());
    assertEquals(List.of("unit.eject KC-0001"), unit.log, "nothing fed, no face printed");
    assertEquals(1, TicketCard.tickets(tickets.read(own, new CardId("KC-0001"))).size());
    assertEquals(2, unit.cardsIn(0));
    assertEquals("own", lastFacts().get("kiosk.cardSource"));
  }

  @Test
  void paidAndStoppedBeforeAnyCardWasFedIsTakenBackByRecovery() {
    unit.powerFailsOnFeed = true;
    try {
      run(buyer("new"));
    } catch (Fakes.PowerLoss expected) {
      // The terminal stopped with the payment approved and no card fed.
    }
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER), "paid before the stop");

    List<PurchaseRecovery.Recovered> recovered =
        new PurchaseRecovery(journal, center, methods(), KIOSK, Set.of(KioskPurchaseFlow.NAME))
            .run();

    assertEquals(PurchaseRecovery.Action.PAYMENT_REVERSED, recovered.get(0).action());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the payment is back");
    assertFalse(center.log.stream().anyMatch(l -> l.startsWith("center.purchase")));
    assertEquals("NO_CARD_FED", lastFacts().get("refusal"));
  }

  private static ScriptedCustomer passBuyer() {
    return new ScriptedCustomer()
        .on("choose-card-type", "COMMUTER_PASS")
        .on("select-railway", "rail")
        .on("select-line", "Main")
        .on("select-stations", "Shinagawa-Yokohama")
        .on("select-period", "ss-1m")
        .on("enter-holder-name", s -> com.kippu.atm.spi.Answer.entered("佐藤 花子"))
        .on("enter-holder-phone", s -> com.kippu.atm.spi.Answer.entered("12-34"))
        .on("enter-holder-phone", s -> com.kippu.atm.spi.Answer.entered("045-123-4567"))
        .on("enter-holder-address", s -> com.kippu.atm.spi.Answer.entered("横浜市西区1-2-3"))
        .on("choose-fare-class", "CHILD")
        .on("choose-first-day", "tomorrow")
        .on("confirm-purchase", "confirm")
        .on("choose-card", "new")
        .on("choose-payment", TransferPayment.WITH_CASH_CARD);
  }

  @Test
  void aCommuterPassIsQuotedForItsClassSoldWithItsHolderAndWrittenToANewCard() throws Exception {
    ScriptedCustomer customer = passBuyer();

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertTrue(customer.screenIds().contains("input-not-valid"), "a bad phone is asked again");
    assertTrue(center.log.contains("center.quote-product ss-1m CHILD"), center.log.toString());
    assertTrue(center.log.contains("center.sell-pass S1-K1"), center.log.toString());
    assertEquals(50_000L - 5_000, bank.balances.get(Fakes.CUSTOMER), "the child fare");
    Fakes.FakeCard card = unit.handedOut.get(0);
    assertEquals(
        1,
        TicketCard.passes(tickets.read(card, new CardId("KB-00001"))).size(),
        "the pass on the new card");
    List<String> face = unit.faces.get("KB-00001").lines();
    assertTrue(face.contains("佐藤 花子 様"), face.toString());
    assertTrue(face.contains("Shinagawa ⇔ Yokohama"), face.toString());
    assertTrue(face.contains("小児"), face.toString());
    Map<String, String> facts = lastFacts();
    assertEquals("P1", facts.get("sold"));
    assertEquals("CHILD", facts.get("kiosk.fareClass"));
    assertEquals("true", facts.get("kiosk.passOnCard"));
    String journaled = journal.entries(id).toString();
    assertFalse(journaled.contains("佐藤") || journaled.contains("045-123-4567"), "no holder");
    assertTrue(printer.receipts.get(0).contains("PASS P1"), printer.receipts.toString());
  }

  @Test
  void aPassSaleWhoseAnswerWasLostIsAskedAgainAsTheSameSale() {
    center.passAnswerLost = true;

    FlowRunner.Result result = run(passBuyer());

    assertTrue(result.completed(), result.reason());
    assertEquals(1, center.passes.size(), "one pass sold");
    assertEquals(2, center.log.stream().filter(l -> l.equals("center.sell-pass S1-K1")).count());
  }

  private List<PurchaseRecovery.Recovered> recoverAfterPowerLoss() {
    try {
      run(passBuyer());
    } catch (Fakes.PowerLoss expected) {
      // The terminal stopped with the payment approved, the sale's answer unknown.
    }
    return new PurchaseRecovery(
            journal,
            center,
            java.util.Optional.of(center),
            methods(),
            KIOSK,
            Set.of(KioskPurchaseFlow.NAME))
        .run();
  }

  @Test
  void aPassSoldBeforeThePowerFailedStandsAfterRecovery() {
    center.powerFailsAfterPassSale = true;

    List<PurchaseRecovery.Recovered> recovered = recoverAfterPowerLoss();

    assertEquals(PurchaseRecovery.Action.TICKET_ISSUED, recovered.get(0).action());
    assertEquals("P1", lastFacts().get("sold"));
    assertEquals(50_000L - 5_000, bank.balances.get(Fakes.CUSTOMER), "the payment stands");
    assertTrue(center.log.contains("center.pass-sale S1-K1"), center.log.toString());
  }

  @Test
  void aPassNeverSoldBeforeThePowerFailedIsTakenBack() {
    center.powerFailsBeforePassSale = true;

    List<PurchaseRecovery.Recovered> recovered = recoverAfterPowerLoss();

    assertEquals(PurchaseRecovery.Action.PAYMENT_REVERSED, recovered.get(0).action());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the payment is back");
    assertEquals("NO_PASS_SOLD", lastFacts().get("refusal"));
    assertTrue(
        center.log.indexOf("center.withdraw-pass-payment S1-K1")
            > center.log.indexOf("center.pass-sale S1-K1"),
        "withdrawn at the center before the payment is taken back: " + center.log);
    assertEquals(1, center.withdrawn.size(), "a late copy of the sale now buys nothing");
  }

  @Test
  void aPassSoldJustAfterRecoveryAskedStandsAndIsNotTakenBack() {
    center.powerFailsAfterPassSale = true;
    center.saleLandsAfterFirstQuestion = true;

    List<PurchaseRecovery.Recovered> recovered = recoverAfterPowerLoss();

    assertEquals(PurchaseRecovery.Action.TICKET_ISSUED, recovered.get(0).action());
    assertEquals("P1", lastFacts().get("sold"));
    assertEquals(50_000L - 5_000, bank.balances.get(Fakes.CUSTOMER), "the payment stands");
    assertTrue(center.withdrawn.isEmpty(), "the withdrawal found the sale: " + center.log);
  }

  private static ScriptedCustomer prepaidBuyer() {
    return new ScriptedCustomer()
        .on("choose-card-type", "PREPAID")
        .on("select-prepaid", "pp-3000")
        .on("confirm-purchase", "confirm")
        .on("choose-card", "new")
        .on("choose-payment", TransferPayment.WITH_CASH_CARD);
  }

  private void preValued(String cardId, boolean active) {
    unit.load(1, new Fakes.FakeCard(FakeCardUnit.chip(cardId, 3_000)));
    center.prepaid.put(cardId, active);
  }

  @Test
  void aPreValuedCardIsReadCheckedWithItsIssuerAndActivatedOnlyOncePaid() {
    preValued("PV-1", false);

    FlowRunner.Result result = run(prepaidBuyer());

    assertTrue(result.completed(), result.reason());
    assertEquals(50_000L - 3_000, bank.balances.get(Fakes.CUSTOMER));
    assertTrue(center.prepaid.get("PV-1"), "activated at its issuer");
    assertTrue(
        center.log.indexOf("center.prepaid-card PV-1") < center.log.indexOf("center.activate PV-1"),
        "its id read and checked before it is activated: " + center.log);
    assertTrue(index("pay.done") < index("activate-card.begin"), "activated only once paid");
    assertEquals(
        List.of("unit.feed PV-1", "unit.face PV-1", "unit.eject PV-1"), unit.log, "handed out");
    assertTrue(unit.faces.get("PV-1").lines().contains("No. PV-1"));
    assertTrue(unit.faces.get("PV-1").lines().contains("額面 3,000円"));
    assertEquals("PV-1", lastFacts().get("sold"));
    assertEquals(2, unit.cardsIn(0), "no blank card used");
  }

  @Test
  void aCardInTheHopperItsIssuerDoesNotSellIsCapturedAndTheNextOneSold() {
    preValued("PV-1", true); // already active: stolen and put back, or misloaded
    preValued("PV-2", false);

    FlowRunner.Result result = run(prepaidBuyer());

    assertTrue(result.completed(), result.reason());
    assertEquals(
        List.of("PV-1"), unit.captured.stream().map(c -> c.chip.cardId().value()).toList());
    assertEquals("PV-2", unit.handedOut.get(0).chip.cardId().value());
    assertEquals(1, bank.transfers.size(), "paid once");
  }

  @Test
  void anActivationWhoseAnswerWasLostIsRepeatedByRecovery() {
    preValued("PV-1", false);
    center.powerFailsAfterActivation = true;
    try {
      run(prepaidBuyer());
    } catch (Fakes.PowerLoss expected) {
      // Activated at the center, the answer lost with the terminal.
    }
    center.powerFailsAfterActivation = false;

    List<PurchaseRecovery.Recovered> recovered =
        new PurchaseRecovery(
                journal,
                center,
                java.util.Optional.of(center),
                methods(),
                KIOSK,
                Set.of(KioskPurchaseFlow.NAME))
            .run();

    assertEquals(PurchaseRecovery.Action.TICKET_ISSUED, recovered.get(0).action());
    assertEquals("PV-1", lastFacts().get("sold"));
    assertEquals(50_000L - 3_000, bank.balances.get(Fakes.CUSTOMER), "the payment stands");
  }

  @Test
  void aCardLeftInTheTransportByAStopIsCapturedBeforeRecoveryAndTheSaleKept() {
    center.powerFailsBeforePurchase = true;
    try {
      run(buyer("new"));
    } catch (Fakes.PowerLoss expected) {
      // The terminal stopped with the card fed and printed, the sale not answered.
    }
    center.powerFailsBeforePurchase = false;
    assertTrue(unit.cardPresent(), "the printed card is still in the transport");

    List<com.kippu.atm.journal.SessionId> captured =
        com.kippu.atm.recovery.StrandedCards.capture(journal, unit, KioskPurchaseFlow.NAME);
    List<PurchaseRecovery.Recovered> recovered =
        new PurchaseRecovery(
                journal,
                center,
                java.util.Optional.of(center),
                methods(),
                KIOSK,
                Set.of(KioskPurchaseFlow.NAME))
            .run();

    assertEquals(List.of(id), captured);
    assertEquals(
        List.of("KB-00001"), unit.captured.stream().map(c -> c.chip.cardId().value()).toList());
    assertEquals(PurchaseRecovery.Action.TICKET_ISSUED, recovered.get(0).action());
    assertEquals("true", lastFacts().get("kiosk.cardCaptured"), "the ticket kept for reissue");
  }
}
