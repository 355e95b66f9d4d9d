package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.Availability;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Sale;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.direct.DirectPurchaseFlow;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.payment.WorkingKey;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.TerminalProfile;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Working in-memory stand-ins for the center, the bank, the card and the printer. Each appends its
 * side effects to its {@code log}; point several at one list to see their order.
 */
final class Fakes {
  static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  static final AccountNumber ISSUER = new AccountNumber("0009-001-7654321");
  static final EventId EVENT = new EventId("evt-1");
  static final IssuerId ISSUER_ID = new IssuerId("promo");

  private Fakes() {}

  /** A clock the test moves by hand, e.g. while the customer lingers on a screen. */
  static final TerminalProfile TERMINAL =
      new TerminalProfile(
          "ATM00001", TerminalProfile.Kind.BANK_ATM, Set.of(TerminalProfile.Device.IC_CARD_WRITER));

  static PaymentMethods methods(FakeBank bank, PinPad pinPad) {
    return new PaymentMethods(List.of(TransferPayment.fromIcCard(bank, pinPad, "000001")));
  }

  /** Recovery asks no one for a PIN: its pad refuses every entry. */
  static PurchaseRecovery recovery(Journal journal, IssuerCenter center, FakeBank bank) {
    FakePinPad noEntries = new FakePinPad();
    noEntries.cancels = true;
    return new PurchaseRecovery(
        journal,
        center,
        methods(bank, noEntries),
        TERMINAL,
        Set.of(ReserveAndIssueFlow.NAME, DirectPurchaseFlow.NAME));
  }

  /** Flow F5 on the fakes, paying by account transfer. */
  static ReserveAndIssueFlow flow(
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      FakeBank bank,
      PinPad pinPad,
      ReceiptPrinter printer,
      CustomerTerminal customer,
      Journal journal,
      Clock clock,
      Duration holdMargin) {
    return new ReserveAndIssueFlow(
        card,
        tickets,
        center,
        methods(bank, pinPad),
        recovery(journal, center, bank),
        printer,
        customer,
        Messages.of(Locale.ENGLISH),
        journal,
        clock,
        ZoneId.of("Asia/Tokyo"),
        holdMargin);
  }

  static final class FakeClock extends Clock {
    private Instant now;

    FakeClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a fake clock has one zone");
    }
  }

  /** The terminal loses power mid-step: nothing after this point runs, the journal stays open. */
  static final class PowerLoss extends Error {
    private static final long serialVersionUID = 1L;

    PowerLoss() {
      super("power lost");
    }
  }

  /**
   * A PIN pad whose customer types at once: a block of zeros for each card it is asked for, or a
   * cancelled entry while {@code cancels} is set.
   */
  static final class FakePinPad implements PinPad {
    final List<CardNumber> asked = new ArrayList<>();
    boolean cancels;

    @Override
    public void loadPinKey(WorkingKey pinKey) {}

    @Override
    public PinBlock readPin(CardNumber card) throws PinEntryCancelledException {
      asked.add(card);
      if (cancels) {
        throw new PinEntryCancelledException("PIN entry cancelled for " + card.masked());
      }
      return new PinBlock(new byte[8], PinBlock.Format.ISO_9564_FORMAT_0);
    }
  }

  static final class FakeBank implements BankHost {
    final Map<AccountNumber, Long> balances = new HashMap<>();
    final List<TransferRequest> reversed = new ArrayList<>();
    final List<TransferRequest> transfers = new ArrayList<>();

    /** What the link keeps of approved transfers until the flow settles them. */
    final Map<String, TransferRequest> kept = new HashMap<>();

    List<String> log = new ArrayList<>();
    boolean powerFailsDuringTransfer;

    /** Fault switch: every transfer is declined with this field 39, nothing moves. */
    String declinesWith;

    /** Fault switch: the link committed the approval, and the power fails before the flow hears. */
    boolean powerFailsAfterApproval;

    private int stan;

    @Override
    public TransferResult transfer(TransferRequest r) {
      log.add("bank.transfer");
      transfers.add(r);
      if (powerFailsDuringTransfer) {
        throw new PowerLoss();
      }
      stan++;
      String s = String.format("%06d", stan);
      if (declinesWith != null) {
        return new TransferResult(declinesWith, s, "RRN" + s, "", Instant.EPOCH);
      }
      Long from = balances.get(r.from());
      if (from == null
          || !balances.containsKey(r.to())
          || !r.card().equals(CardNumber.ofCashAccount(r.from()))) {
        return new TransferResult("14", s, "RRN" + s, "", Instant.EPOCH);
      }
      if (from < r.amount().yen()) {
        return new TransferResult("51", s, "RRN" + s, "", Instant.EPOCH);
      }
      balances.put(r.from(), from - r.amount().yen());
      balances.merge(r.to(), r.amount().yen(), Long::sum);
      kept.put(r.transactionId(), r);
      if (powerFailsAfterApproval) {
        throw new PowerLoss();
      }
      return new TransferResult("00", s, "RRN" + s, "A" + s, Instant.EPOCH);
    }

    /** Fault switch: the link failed to forget settled payments, so it can still reverse them. */
    boolean keepsSettled;

    @Override
    public void settled(String transactionId) {
      if (!keepsSettled) {
        kept.remove(transactionId);
      }
    }

    /** Payments reversed from what was kept; remembered like the link's confirmed reversals. */
    final Set<String> reversedApproved = new HashSet<>();

    /** Fault switch: the process dies right after the host confirmed a kept payment's reversal. */
    boolean powerFailsAfterReversal;

    @Override
    public boolean reverseApproved(String transactionId) {
      TransferRequest original = kept.remove(transactionId);
      if (original == null) {
        return reversedApproved.contains(transactionId);
      }
      reverse(original, null);
      reversedApproved.add(transactionId);
      if (powerFailsAfterReversal) {
        powerFailsAfterReversal = false;
        throw new PowerLoss();
      }
      return true;
    }

    @Override
    public void reverse(TransferRequest original, TransferResult approval) {
      log.add("bank.reverse");
      balances.merge(original.from(), original.amount().yen(), Long::sum);
      balances.merge(original.to(), -original.amount().yen(), Long::sum);
      reversed.add(original);
    }

    @Override
    public boolean echo() {
      return true;
    }

    @Override
    public void close() {}
  }

  /** Flow F6 on the fakes, paying by account transfer, the ticket to the card. */
  static DirectPurchaseFlow directFlow(
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      FakeBank bank,
      PinPad pinPad,
      ReceiptPrinter printer,
      CustomerTerminal customer,
      Journal journal,
      Clock clock) {
    return new DirectPurchaseFlow(
        card,
        tickets,
        center,
        methods(bank, pinPad),
        recovery(journal, center, bank),
        printer,
        Optional.empty(),
        customer,
        Messages.of(Locale.ENGLISH),
        journal,
        clock,
        ZoneId.of("Asia/Tokyo"));
  }

  static final class FakeCenter implements IssuerCenter, com.kippu.atm.center.KioskCenter {
    final Map<SeatId, Seat.Status> seats = new LinkedHashMap<>();
    final Map<ReservationNumber, Reservation> reservations = new HashMap<>();
    final Map<ReservationNumber, Ticket> tickets = new HashMap<>();
    List<String> log = new ArrayList<>();
    boolean failIssue;
    boolean powerFailsDuringIssue;

    /** Fault switch: the hold is stored, and the power fails before the answer arrives. */
    boolean powerFailsAfterReserve;

    /** Fault switch: this many holds are stored and their answers lost on the way. */
    int reserveAnswersLost;

    /** Holds last this long from {@code clock}'s now. */
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    Duration hold = Duration.ofMinutes(10);

    /** Changes the ticket the center answers with, e.g. to one for another reservation. */
    UnaryOperator<Ticket> answerTicket = UnaryOperator.identity();

    /** When set, issuance is refused with this center error code. */
    String issueRefusal;

    private final KeyPair key;

    FakeCenter() throws GeneralSecurityException {
      key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      for (int i = 1; i <= 3; i++) {
        seats.put(new SeatId("A-1-" + i), Seat.Status.AVAILABLE);
      }
    }

    @Override
    public List<EventSummary> events() {
      int free = (int) seats.values().stream().filter(s -> s == Seat.Status.AVAILABLE).count();
      return List.of(
          new EventSummary(
              EVENT,
              ISSUER_ID,
              "Gala",
              "pop",
              "Aoi",
              "Dome",
              "2026-12-24T18:00+09:00",
              Money.yen(8800),
              free,
              seats.size(),
              free == 0 ? Availability.SOLD_OUT : Availability.AVAILABLE));
    }

    @Override
    public List<Seat> seats(EventId eventId) {
      return seats.entrySet().stream()
          .map(
              e ->
                  new Seat(
                      e.getKey(),
                      "A",
                      "1",
                      Integer.parseInt(e.getKey().value().substring(4)),
                      Money.yen(8800),
                      e.getValue()))
          .toList();
    }

    @Override
    public Reservation reserve(
        EventId eventId, List<SeatId> seatIds, CardId cardId, String requestNumber)
        throws CenterException {
      log.add("center.reserve");
      return answer(hold(eventId, seatIds, cardId, requestNumber));
    }

    /** What a seat costs when held or sold; a test raises it to change the price after a quote. */
    long holdPriceYen = 8800;

    /** Fault switch: the seats are sold to someone else after the next quote. */
    boolean seatSoldAfterQuote;

    /** Fault switch: the power fails as the purchase is sent, before the center has it. */
    boolean powerFailsBeforePurchase;

    /** Fault switch: this many sales are made and their answers lost on the way. */
    int purchaseAnswersLost;

    @Override
    public List<com.kippu.atm.center.KioskCenter.CardTypeOffer> cardTypes() {
      return List.of(
          new com.kippu.atm.center.KioskCenter.CardTypeOffer(
              com.kippu.atm.center.CardType.EVENT_TICKET, 1),
          new com.kippu.atm.center.KioskCenter.CardTypeOffer(
              com.kippu.atm.center.CardType.COMMUTER_PASS, 1),
          new com.kippu.atm.center.KioskCenter.CardTypeOffer(
              com.kippu.atm.center.CardType.PREPAID, 1));
    }

    @Override
    public List<com.kippu.atm.center.CatalogChoice> genres() {
      return List.of(new com.kippu.atm.center.CatalogChoice("pop", 1, Availability.AVAILABLE));
    }

    @Override
    public List<com.kippu.atm.center.CatalogChoice> artists(String genre) {
      return List.of(new com.kippu.atm.center.CatalogChoice("Aoi", 1, Availability.AVAILABLE));
    }

    @Override
    public List<EventSummary> events(String genre, String artist) {
      return events();
    }

    @Override
    public Optional<byte[]> eventImage(EventId eventId) {
      log.add("center.image");
      return Optional.empty();
    }

    /** Passes sold, by request number; the fault switch loses the next answer after the sale. */
    final Map<String, com.kippu.atm.center.CommuterPass> passes = new LinkedHashMap<>();

    boolean passAnswerLost;

    /** Fault switch: the pass is sold and the power fails before the answer arrives. */
    boolean powerFailsAfterPassSale;

    /** Fault switch: the power fails before the pass sale reaches the center. */
    boolean powerFailsBeforePassSale;

    static final com.kippu.atm.center.ProductId PASS = new com.kippu.atm.center.ProductId("ss-1m");

    @Override
    public List<com.kippu.atm.center.Product> products(com.kippu.atm.center.CardType type) {
      if (type == com.kippu.atm.center.CardType.PREPAID) {
        return List.of(
            new com.kippu.atm.center.Product(
                PREPAID,
                new IssuerId("prepaid"),
                "Prepaid Co",
                type,
                "Prepaid 3000",
                Money.yen(3_000),
                Money.yen(3_000),
                Optional.empty()));
      }
      if (type != com.kippu.atm.center.CardType.COMMUTER_PASS) {
        return List.of();
      }
      return List.of(
          new com.kippu.atm.center.Product(
              PASS,
              new IssuerId("rail"),
              "Rail",
              type,
              "Shinagawa-Yokohama 1 month",
              Money.yen(10_000),
              Money.yen(0),
              Optional.of(
                  new com.kippu.atm.center.RailSection("Main", "Shinagawa", "Yokohama", 30))));
    }

    @Override
    public com.kippu.atm.center.ProductQuote quoteProduct(
        com.kippu.atm.center.ProductId productId,
        com.kippu.atm.center.FareClass fareClass,
        Optional<java.time.LocalDate> validFrom) {
      log.add("center.quote-product " + productId + " " + fareClass);
      com.kippu.atm.center.Product p =
          products(
                  productId.equals(PREPAID)
                      ? com.kippu.atm.center.CardType.PREPAID
                      : com.kippu.atm.center.CardType.COMMUTER_PASS)
              .get(0);
      long fare =
          productId.equals(PREPAID)
              ? 3_000
              : fareClass == com.kippu.atm.center.FareClass.CHILD ? 5_000 : 10_000;
      return new com.kippu.atm.center.ProductQuote(
          p.issuerId(),
          p.issuerName(),
          ISSUER,
          productId,
          p.cardType(),
          p.name(),
          fareClass,
          Money.yen(fare),
          p.value(),
          p.section(),
          validFrom,
          validFrom.map(d -> d.plusDays(29)),
          clock.instant().plus(Duration.ofMinutes(5)),
          sign("product-quote"));
    }

    @Override
    public com.kippu.atm.center.CommuterPass sellPass(
        String requestNumber,
        com.kippu.atm.center.ProductQuote quote,
        com.kippu.atm.center.Holder holder,
        CardId cardId,
        PaymentProof payment,
        java.util.Optional<com.kippu.atm.center.RegisteredHolder> registered)
        throws CenterException {
      log.add("center.sell-pass " + requestNumber);
      if (withdrawn.contains(payment.reference())) {
        throw new CenterException(
            CenterException.PAYMENT_ALREADY_USED, "payment withdrawn by its terminal");
      }
      if (powerFailsBeforePassSale) {
        throw new PowerLoss();
      }
      com.kippu.atm.center.CommuterPass pass =
          passes.computeIfAbsent(
              requestNumber,
              r ->
                  new com.kippu.atm.center.CommuterPass(
                      "P" + (passes.size() + 1),
                      quote.issuerId(),
                      quote.issuerName(),
                      quote.productId().value(),
                      quote.name(),
                      cardId,
                      holder.name(),
                      quote.fareClass().name(),
                      "Main",
                      "Shinagawa",
                      "Yokohama",
                      quote.validFrom().orElseThrow(),
                      quote.validUntil().orElseThrow(),
                      payment.amount(),
                      payment.method(),
                      payment.reference(),
                      r,
                      sign("pass " + r)));
      if (powerFailsAfterPassSale) {
        throw new PowerLoss();
      }
      if (passAnswerLost) {
        passAnswerLost = false;
        throw new CenterException("UNREACHABLE", "answer lost");
      }
      return pass;
    }

    /**
     * Fault switch: the sale lands at the center just after recovery asked for it, so the first
     * question finds nothing.
     */
    boolean saleLandsAfterFirstQuestion;

    @Override
    public Optional<com.kippu.atm.center.CommuterPass> passSale(String requestNumber) {
      log.add("center.pass-sale " + requestNumber);
      if (saleLandsAfterFirstQuestion) {
        saleLandsAfterFirstQuestion = false;
        return Optional.empty();
      }
      return Optional.ofNullable(passes.get(requestNumber));
    }

    /** The card application on offer (F11): {@code points} v1 for 500 yen. */
    final com.kippu.atm.card.CardApplication points =
        new com.kippu.atm.card.CardApplication(
            "F04B495050550001", 1, "Kippu Points", "points v1".getBytes(StandardCharsets.UTF_8));

    /** Application sales recorded, by request number (F11). */
    final Map<String, String> applicationSales = new LinkedHashMap<>();

    /** Fault switch: every answer to an application sale is lost (the sale is made). */
    boolean applicationSaleAnswersLost;

    /** Fault switch: the center refuses every application sale with this code. */
    String applicationSaleRefusal;

    @Override
    public List<com.kippu.atm.center.ApplicationOffer> applications() {
      return List.of(
          new com.kippu.atm.center.ApplicationOffer("points", 1, points.name(), Money.yen(500)));
    }

    @Override
    public com.kippu.atm.center.ApplicationPackage application(String appId) {
      return new com.kippu.atm.center.ApplicationPackage(
          appId,
          new com.kippu.atm.center.IssuerId("kippu-points"),
          "Kippu Points Co.",
          ISSUER,
          Money.yen(500),
          points,
          sign("application " + appId));
    }

    @Override
    public String recordApplicationSale(
        String requestNumber, String appId, int version, CardId cardId, PaymentProof payment)
        throws CenterException {
      log.add("center.application-sale " + requestNumber);
      if (applicationSaleRefusal != null) {
        throw new CenterException(applicationSaleRefusal, "refused");
      }
      applicationSales.putIfAbsent(requestNumber, appId + " v" + version + " " + cardId.value());
      if (applicationSaleAnswersLost) {
        throw new CenterException("UNREACHABLE", "answer lost");
      }
      return "A-" + requestNumber;
    }

    /** Payment references withdrawn from a pass sale: a late sale with one is refused. */
    final java.util.Set<String> withdrawn = new java.util.HashSet<>();

    @Override
    public boolean withdrawPassPayment(String requestNumber, CardId cardId, PaymentProof payment) {
      log.add("center.withdraw-pass-payment " + requestNumber);
      if (passes.containsKey(requestNumber)) {
        return false;
      }
      withdrawn.add(payment.reference());
      return true;
    }

    /** Pre-valued cards by id, as their issuer registered them; true once activated. */
    final Map<String, Boolean> prepaid = new LinkedHashMap<>();

    static final com.kippu.atm.center.ProductId PREPAID =
        new com.kippu.atm.center.ProductId("pp-3000");

    /** Fault switch: the card is activated and the power fails before the answer arrives. */
    boolean powerFailsAfterActivation;

    @Override
    public Optional<com.kippu.atm.center.PrepaidCardState> prepaidCard(CardId cardId) {
      log.add("center.prepaid-card " + cardId);
      return Optional.ofNullable(prepaid.get(cardId.value()))
          .map(
              active ->
                  new com.kippu.atm.center.PrepaidCardState(
                      cardId, PREPAID, new IssuerId("prepaid"), active, Money.yen(3_000)));
    }

    @Override
    public com.kippu.atm.center.PrepaidCardState activate(CardId cardId, PaymentProof payment)
        throws CenterException {
      log.add("center.activate " + cardId);
      if (!prepaid.containsKey(cardId.value())) {
        throw new CenterException("CARD_UNKNOWN", "no prepaid card " + cardId);
      }
      prepaid.put(cardId.value(), true);
      if (powerFailsAfterActivation) {
        throw new PowerLoss();
      }
      return prepaidCard(cardId).orElseThrow();
    }

    @Override
    public Quote quote(EventId eventId, List<SeatId> seatIds) throws CenterException {
      return quote(eventId, seatIds, (CardId) null);
    }

    @Override
    public Quote quote(EventId eventId, List<SeatId> seatIds, CardId cardId)
        throws CenterException {
      log.add("center.quote");
      for (SeatId s : seatIds) {
        if (seats.get(s) != Seat.Status.AVAILABLE) {
          throw new SeatUnavailableException(List.of(s), "taken");
        }
      }
      if (seatSoldAfterQuote) {
        seatSoldAfterQuote = false;
        seatIds.forEach(s -> seats.put(s, Seat.Status.SOLD));
      }
      return new Quote(
          ISSUER_ID,
          "Promo",
          ISSUER,
          eventId,
          "Gala",
          "Dome",
          "2026-12-24T18:00+09:00",
          seatIds.stream().map(s -> new ReservedSeat(s, "A", "1", 1, Money.yen(8800))).toList(),
          Money.yen(8800L * seatIds.size()),
          java.util.Optional.ofNullable(cardId),
          clock.instant().plus(Duration.ofMinutes(5)),
          sign("quote"));
    }

    /** As the center's {@code /v1/purchases}: a hold under the request number, then issuance. */
    @Override
    public Sale purchase(
        EventId eventId,
        List<SeatId> seatIds,
        CardId cardId,
        String requestNumber,
        PaymentProof payment)
        throws CenterException {
      log.add("center.purchase " + requestNumber);
      if (powerFailsBeforePurchase) {
        powerFailsBeforePurchase = false;
        throw new PowerLoss();
      }
      Reservation r = hold(eventId, seatIds, cardId, requestNumber);
      if (payment.amount().yen() != r.amount().yen() && !tickets.containsKey(r.number())) {
        r.seats().forEach(s -> seats.put(s.seatId(), Seat.Status.AVAILABLE));
        throw new CenterException("AMOUNT_MISMATCH", "paid " + payment.amount());
      }
      Sale sale = new Sale(r, issue(r.number(), cardId, payment));
      if (purchaseAnswersLost > 0) {
        purchaseAnswersLost--;
        throw new CenterException("UNREACHABLE", "answer lost");
      }
      return sale;
    }

    private Reservation hold(
        EventId eventId, List<SeatId> seatIds, CardId cardId, String requestNumber)
        throws CenterException {
      for (Reservation r : reservations.values()) {
        if (r.requestNumber().equals(requestNumber)) {
          return r; // the same request: the same hold
        }
      }
      for (SeatId s : seatIds) {
        if (seats.get(s) != Seat.Status.AVAILABLE) {
          throw new SeatUnavailableException(List.of(s), "taken");
        }
      }
      seatIds.forEach(s -> seats.put(s, Seat.Status.HELD));
      ReservationNumber number = new ReservationNumber("R" + (reservations.size() + 1));
      List<ReservedSeat> reserved =
          seatIds.stream()
              .map(s -> new ReservedSeat(s, "A", "1", 1, Money.yen(holdPriceYen)))
              .toList();
      Reservation r =
          new Reservation(
              number,
              requestNumber,
              cardId,
              ISSUER_ID,
              "Promo",
              ISSUER,
              eventId,
              "Gala",
              "Dome",
              "2026-12-24T18:00+09:00",
              reserved,
              Money.yen(holdPriceYen * seatIds.size()),
              clock.instant().plus(hold),
              sign(number.value()));
      reservations.put(number, r);
      if (powerFailsAfterReserve) {
        throw new PowerLoss();
      }
      return r;
    }

    private Reservation answer(Reservation r) throws CenterException {
      if (reserveAnswersLost > 0) {
        reserveAnswersLost--;
        throw new CenterException("UNREACHABLE", "answer lost");
      }
      return r;
    }

    @Override
    public Ticket issue(ReservationNumber number, CardId cardId, PaymentProof payment)
        throws CenterException {
      log.add("center.issue");
      Reservation r = reservations.get(number);
      if (powerFailsDuringIssue) {
        powerFailsDuringIssue = false;
        throw new PowerLoss();
      }
      if (failIssue) {
        throw new CenterException("UNREACHABLE", "center down");
      }
      if (issueRefusal != null) {
        throw new CenterException(issueRefusal, "refused: " + issueRefusal);
      }
      Ticket existing = tickets.get(r.number());
      if (existing != null) {
        return answerTicket.apply(existing);
      }
      r.seats().forEach(s -> seats.put(s.seatId(), Seat.Status.SOLD));
      Ticket t =
          new Ticket(
              "T" + r.number().value(),
              tickets.size() + 1,
              ISSUER_ID,
              "Promo",
              Instant.EPOCH,
              cardId,
              r.eventId(),
              r.title(),
              r.venue(),
              r.startsAt(),
              r.seats(),
              payment,
              r.number(),
              sign("ticket " + r.number().value()));
      tickets.put(r.number(), t);
      return answerTicket.apply(t);
    }

    @Override
    public void cancel(ReservationNumber number, String reason) throws CenterException {
      log.add("center.cancel " + number);
      if (tickets.containsKey(number)) {
        // As the real center: an issued reservation is not cancelled.
        throw new CenterException(
            "RESERVATION_ISSUED", "reservation " + number + " is already issued");
      }
      reservations.get(number).seats().forEach(s -> seats.put(s.seatId(), Seat.Status.AVAILABLE));
    }

    @Override
    public PublicKey issuerKey(IssuerId issuerId) {
      return key.getPublic();
    }

    @Override
    public Reservation reserveToPayLater(
        EventId eventId, List<SeatId> seatIds, CardId cardId, String requestNumber) {
      throw new UnsupportedOperationException("F5 tests hold seats only");
    }

    @Override
    public com.kippu.atm.center.ReservationState state(ReservationNumber number) {
      throw new UnsupportedOperationException("F5 tests hold seats only");
    }

    /** Replacements by the number of the ticket they void; a repeat gets the same one. */
    final Map<String, Ticket> replacements = new HashMap<>();

    @Override
    public Ticket replace(String ticketNumber, CardId cardId, String reason) {
      log.add("center.replace " + ticketNumber);
      return replacements.computeIfAbsent(
          ticketNumber,
          voided -> {
            Ticket t =
                tickets.values().stream()
                    .filter(x -> x.ticketNumber().equals(voided))
                    .findFirst()
                    .orElseThrow();
            return new Ticket(
                voided + "-R",
                t.issueNumber(),
                t.issuerId(),
                t.issuerName(),
                t.issuedAt(),
                cardId,
                t.eventId(),
                t.title(),
                t.venue(),
                t.startsAt(),
                t.seats(),
                t.payment(),
                t.reservationNumber(),
                sign("ticket " + voided + " replaced"));
          });
    }

    private SignedDocument sign(String text) {
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        s.update(payload);
        return new SignedDocument(payload, s.sign(), "promo#1", "Ed25519");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static final class FakeCard implements IcCard {
    final List<byte[]> records = new ArrayList<>();
    final ChipData chip;
    List<String> log = new ArrayList<>();
    boolean failWrites;
    boolean powerFailsOnAppend;
    private final byte[] recordKey = TestCardAccess.recordKey();

    FakeCard(ChipData chip) {
      this.chip = chip;
    }

    @Override
    public byte[] access(byte[] certificate) throws CardException {
      return TestCardAccess.answer(recordKey, chip.cardId().value(), certificate);
    }

    @Override
    public ChipData readChip() {
      return chip;
    }

    @Override
    public List<byte[]> readRecords() {
      return List.copyOf(records);
    }

    /** The applications installed on the card (F11). */
    final List<com.kippu.atm.card.CardApplication> installed = new ArrayList<>();

    @Override
    public void install(com.kippu.atm.card.CardApplication application) {
      log.add("card.install " + application.name());
      installed.add(application);
    }

    @Override
    public List<com.kippu.atm.card.CardApplication> applications() {
      return List.copyOf(installed);
    }

    @Override
    public void append(byte[] record) throws CardException {
      log.add("card.append");
      if (powerFailsOnAppend) {
        throw new PowerLoss();
      }
      if (failWrites) {
        throw new CardException("card pulled");
      }
      records.add(record.clone());
    }
  }

  static final class FakePrinter implements ReceiptPrinter {
    final List<List<String>> receipts = new ArrayList<>();
    List<String> log = new ArrayList<>();
    boolean powerFails;

    @Override
    public void print(List<String> lines) {
      log.add("printer.print");
      if (powerFails) {
        throw new PowerLoss();
      }
      receipts.add(List.copyOf(lines));
    }
  }
}
