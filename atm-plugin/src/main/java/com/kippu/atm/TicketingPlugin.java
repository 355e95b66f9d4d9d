package com.kippu.atm;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.collect.PayReservationFlow;
import com.kippu.atm.flow.direct.DirectPurchaseFlow;
import com.kippu.atm.flow.kiosk.KioskPurchaseFlow;
import com.kippu.atm.flow.kiosk.LinkUserCard;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.ActivationCheck;
import com.kippu.atm.flow.pay.CardRevocations;
import com.kippu.atm.flow.pay.CenterBankPayment;
import com.kippu.atm.flow.pay.CenterCardPayment;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.PendingLoads;
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.flow.purchase.ConfirmHold;
import com.kippu.atm.flow.purchase.ReserveAndIssueFlow;
import com.kippu.atm.flow.recharge.AddFunctionFlow;
import com.kippu.atm.flow.recharge.RechargeFlow;
import com.kippu.atm.flow.reservation.ReservationRecords;
import com.kippu.atm.flow.reservation.ReserveToCardFlow;
import com.kippu.atm.flow.users.LostCardFlow;
import com.kippu.atm.flow.users.LostCardRecovery;
import com.kippu.atm.flow.users.RecallFlow;
import com.kippu.atm.flow.users.RegisterFlow;
import com.kippu.atm.flow.users.UserSession;
import com.kippu.atm.home.HomeAccount;
import com.kippu.atm.home.HomeCards;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.ops.StaffQueue;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.recovery.StrandedCards;
import com.kippu.atm.recovery.StrandedUserCards;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.MenuEntry;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.Text;
import com.kippu.atm.ticket.TicketPrinter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The menu option host ATM software loads: offers the ticket menu entries this terminal can serve
 * and runs one customer session at a time. Built by {@link TicketingPlugins#start} from a {@link
 * PluginConfig}, or from parts by tests.
 */
public final class TicketingPlugin implements AutoCloseable {
  public static final String RESERVE_PAY_ISSUE = "tickets.reserve-pay-issue";

  /**
   * The label of {@link #RESERVE_PAY_ISSUE} on the host's main menu. It is the customer's first
   * sight of the module, so it comes from the screens bundles like every screen, in the terminal's
   * language ({@code terminal.language}).
   */
  static final Text RESERVE_PAY_ISSUE_LABEL = Text.of("menu.reserve-pay-issue");

  /** F1: reserve now, the reservation written to the card, to pay later at any terminal. */
  public static final String RESERVE_TO_CARD = "tickets.reserve-to-card";

  /** F2/F3: pay a reservation on the card; the ticket printed or written to the card. */
  public static final String PAY_RESERVATION = "tickets.pay-reservation";

  /** F6: buy without a reservation; the ticket printed or written to the card. */
  public static final String DIRECT_PURCHASE = "tickets.direct-purchase";

  /** F11: value added to a prepaid card after payment, within the center's limits. */
  public static final String RECHARGE = "tickets.recharge";

  /** F11: an issuer's application installed on the card after payment. */
  public static final String ADD_FUNCTION = "tickets.add-function";

  /**
   * F7: a card bought at a kiosk (event ticket, commuter pass, prepaid card) onto a card from the
   * stocker or the customer's own.
   */
  public static final String KIOSK_PURCHASE = "tickets.kiosk-purchase";

  /** The kiosk's card unit and the center's catalog and sales for F7. */
  public record CardIssuing(CardUnit unit, KioskCenter center) {}

  /** F9: a registered user's lost or stolen card invalidated and reissued onto a new card. */
  public static final String LOST_CARD = "tickets.lost-card";

  /** F12: register as a user (attributes, user id, PIN); the card in the reader is linked. */
  public static final String REGISTER = "tickets.register";

  /** F12: user id + PIN recall the registered attributes and earlier purchases. */
  public static final String RECALL = "tickets.recall";

  /** The flow name a session refused for a lost card is journaled under. */
  static final String CARD_CHECK = "card-check";

  /**
   * What the registered-user menus need (F9, F12): the center's user side and, on a kiosk, the card
   * unit whose stocker gives new cards; how long a new card waits at the slot.
   */
  public record Users(UserCenter center, Optional<CardUnit> unit, Duration presentTimeout) {}

  public static final Set<String> FINAL_STATES =
      Set.of(
          FlowRunner.COMPLETED,
          FlowRunner.CANCELLED,
          FlowRunner.FAILED,
          PurchaseRecovery.RECOVERED,
          PurchaseRecovery.TICKET_ON_CARD,
          StaffQueue.SETTLED);

  private final PluginConfig config;
  private final BankHost bank;
  private final PinPad pinPad;
  private final IssuerCenter center;
  private final IcCard card;
  private final ReceiptPrinter printer;
  private final Optional<TicketPrinter> ticketPrinter;
  private final Journal journal;
  private final Clock clock;
  private final SecureRandom random;
  private final TicketCard tickets;
  private final ReservationRecords reservations;
  private final PaymentMethods methods;
  private final PaymentDevices payments;
  private final List<AutoCloseable> resources;
  private final Messages menuLanguage;
  private final Optional<HomeAccount> home;
  private final Optional<CardIssuing> issuing;
  private final Optional<Users> users;
  private final Optional<CardRevocations> revocations;

  public TicketingPlugin(
      PluginConfig config,
      BankHost bank,
      PaymentDevices payments,
      IssuerCenter center,
      IcCard card,
      ReceiptPrinter printer,
      Optional<TicketPrinter> ticketPrinter,
      Journal journal,
      Clock clock,
      SecureRandom random,
      List<AutoCloseable> resources) {
    this(
        config,
        bank,
        payments,
        center,
        card,
        printer,
        ticketPrinter,
        Optional.empty(),
        journal,
        clock,
        random,
        resources,
        Optional.empty());
  }

  /**
   * A plugin that also sells cards (F7) through {@code issuing} where the terminal can, and offers
   * the registered-user menus of {@code users} (F9, F12).
   */
  public TicketingPlugin(
      PluginConfig config,
      BankHost bank,
      PaymentDevices payments,
      IssuerCenter center,
      IcCard card,
      ReceiptPrinter printer,
      Optional<TicketPrinter> ticketPrinter,
      Optional<CardIssuing> issuing,
      Journal journal,
      Clock clock,
      SecureRandom random,
      List<AutoCloseable> resources,
      Optional<Users> users) {
    this.users = users;
    this.revocations =
        users.map(
            u -> new CardRevocations(u.center()::revocations, clock, CardRevocations.MAX_AGE));
    this.config = config;
    this.issuing = issuing;
    this.bank = bank;
    this.pinPad = payments.pinPad().orElse(null);
    this.center = center;
    this.card = card;
    this.printer = printer;
    this.ticketPrinter = ticketPrinter;
    this.journal = journal;
    this.clock = clock;
    this.random = random;
    CardRecordCodec codec = new CardRecordCodec(random);
    this.tickets = new TicketCard(codec, config.cardAccess());
    this.reservations = new ReservationRecords(codec, config.cardAccess());
    this.resources = List.copyOf(resources);
    this.payments = payments;
    this.menuLanguage = Messages.of(config.language());
    this.home =
        config.terminal().kind() == TerminalProfile.Kind.HOME_PC
            ? Optional.of(new HomeAccount(center))
            : Optional.empty();
    this.methods =
        withCenterMethods(
            payments.methods(
                config,
                bank,
                config.cardNetwork().isPresent(),
                "CARD-NETWORK",
                clock,
                users.isEmpty()
                    ? ActivationCheck.through(center)
                    : ActivationCheck.through(center).andNotRevoked(revocations.orElseThrow())),
            center,
            home,
            users.map(Users::center),
            Optional.ofNullable(pinPad));
  }

  /**
   * On a home PC, the payments the center authorises come first (F13, S2 ¶49-51): the registered
   * card, a card keyed in, and online banking from the IC card's account or one keyed in (where the
   * PC's PIN pad and the center's user keys are there, for its PIN). A home PC never speaks to the
   * user's bank itself, so the bank rail's own account transfer is not among its methods; e-money
   * on the card stays. Other terminals pay only through their own rails.
   */
  private static PaymentMethods withCenterMethods(
      PaymentMethods rails,
      IssuerCenter center,
      Optional<HomeAccount> home,
      Optional<UserCenter> keys,
      Optional<PinPad> pinPad) {
    if (home.isEmpty()) {
      return rails;
    }
    List<PaymentMethod> all = new ArrayList<>();
    all.add(CenterCardPayment.stored(center, home.get()));
    all.add(CenterCardPayment.keyedIn(center, home.get()));
    if (keys.isPresent() && pinPad.isPresent()) {
      // The online-banking PIN is typed on the PIN pad, under the center's PIN key (S2 ¶38).
      all.add(CenterBankPayment.fromIcCard(center, home.get(), keys.get(), pinPad.get()));
      all.add(CenterBankPayment.keyedIn(center, home.get(), keys.get(), pinPad.get()));
    }
    rails.all().stream().filter(m -> !(m instanceof TransferPayment)).forEach(all::add);
    return new PaymentMethods(all);
  }

  /**
   * Finishes or compensates what a crash left open; the host calls this once at start-up, before
   * the first customer session.
   */
  public List<PurchaseRecovery.Recovered> recover() {
    // The card of a signed-in user is recorded under them while it is still in the transport.
    issuing.ifPresent(
        i ->
            users.ifPresent(
                u ->
                    StrandedUserCards.record(
                        journal,
                        i.unit(),
                        card,
                        new LinkUserCard(u.center(), card, tickets, clock),
                        config.terminal(),
                        KioskPurchaseFlow.NAME)));
    issuing.ifPresent(i -> StrandedCards.capture(journal, i.unit(), KioskPurchaseFlow.NAME));
    lostCardRecovery().ifPresent(r -> r.run(true));
    List<PurchaseRecovery.Recovered> recovered = recovery().run();
    pickUpPendingLoads();
    return recovered;
  }

  /**
   * Writes onto the card in the reader what the center holds pending for it (F11): a recharge
   * recorded at any terminal whose card left before its purse was written ({@link PendingLoads}).
   */
  private void pickUpPendingLoads() {
    Optional<PurseLoad> load = purseLoad();
    if (load.isEmpty()) {
      return;
    }
    CardId inserted;
    try {
      inserted = card.readChip().cardId();
    } catch (CardException e) {
      return;
    }
    new PendingLoads(center, load.get()).pickUp(inserted);
  }

  /** Recovery of lost-card sessions (F9), on a terminal that reissues cards. */
  private Optional<LostCardRecovery> lostCardRecovery() {
    return users
        .filter(u -> u.unit().isPresent())
        .map(
            u ->
                new LostCardRecovery(
                    journal,
                    u.center(),
                    card,
                    tickets,
                    u.unit().get(),
                    config.terminal(),
                    clock,
                    u.presentTimeout(),
                    purseLoad()));
  }

  /** Writes value the center recorded into the purse on the card in the reader (F9, F11). */
  private Optional<PurseLoad> purseLoad() {
    return payments.purse().map(p -> new PurseLoad(p, card));
  }

  private PurchaseRecovery recovery() {
    return new PurchaseRecovery(
        journal,
        center,
        issuing.map(CardIssuing::center),
        Optional.ofNullable(card),
        purseLoad(),
        methods,
        config.terminal(),
        Set.of(
            ReserveAndIssueFlow.NAME,
            ReserveToCardFlow.NAME,
            PayReservationFlow.NAME,
            DirectPurchaseFlow.NAME,
            RechargeFlow.NAME,
            AddFunctionFlow.NAME,
            KioskPurchaseFlow.NAME));
  }

  /**
   * Menu entries for this terminal's profile, only what it can carry out, labelled in the
   * terminal's language.
   */
  public List<MenuEntry> menu() {
    List<MenuEntry> entries = new ArrayList<>();
    if (config.terminal().hasIcCardWriter()) {
      entries.add(new MenuEntry(RESERVE_PAY_ISSUE, menuLanguage.render(RESERVE_PAY_ISSUE_LABEL)));
      entries.add(
          new MenuEntry(RESERVE_TO_CARD, menuLanguage.render(Text.of("menu.reserve-to-card"))));
      entries.add(
          new MenuEntry(PAY_RESERVATION, menuLanguage.render(Text.of("menu.pay-reservation"))));
      entries.add(
          new MenuEntry(DIRECT_PURCHASE, menuLanguage.render(Text.of("menu.direct-purchase"))));
      if (payments.purse().isPresent()) {
        // Recharged value is written into the card's purse: no e-money reader, no recharge.
        entries.add(new MenuEntry(RECHARGE, menuLanguage.render(Text.of("menu.recharge"))));
      }
      entries.add(new MenuEntry(ADD_FUNCTION, menuLanguage.render(Text.of("menu.add-function"))));
    }
    if (config.terminal().issuesCards() && issuing.isPresent()) {
      entries.add(
          new MenuEntry(KIOSK_PURCHASE, menuLanguage.render(Text.of("menu.kiosk-purchase"))));
    }
    TerminalProfile terminal = config.terminal();
    if (users.isPresent() && pinPad != null && terminal.has(TerminalProfile.Device.PIN_PAD)) {
      // A home PC serves users registered beforehand (S2 ¶46): registration, with the PIN that
      // proves the user at a terminal and sets the home password, is done at a branch or kiosk.
      if (terminal.kind() != TerminalProfile.Kind.HOME_PC) {
        entries.add(new MenuEntry(REGISTER, menuLanguage.render(Text.of("menu.register"))));
      }
      if (terminal.hasIcCardWriter()) {
        entries.add(new MenuEntry(RECALL, menuLanguage.render(Text.of("menu.recall"))));
      }
      if (terminal.hasIcCardWriter()
          && terminal.has(TerminalProfile.Device.CARD_STOCKER)
          && users.get().unit().map(CardUnit::hasStocker).orElse(false)) {
        entries.add(new MenuEntry(LOST_CARD, menuLanguage.render(Text.of("menu.lost-card"))));
      }
    }
    return entries;
  }

  /** Runs one customer session of menu entry {@code entryId} to its end. */
  public synchronized SessionOutcome run(String entryId, CustomerTerminal customer) {
    if (menu().stream().noneMatch(e -> e.id().equals(entryId))) {
      throw new IllegalArgumentException(
          "menu entry " + entryId + " is not offered on this terminal");
    }
    // A session an earlier one left unsettled (its ticket not confirmed) is settled first.
    recovery().run();
    lostCardRecovery().ifPresent(r -> r.run(false));
    SessionId id = SessionId.next(config.terminal().terminalId(), clock.instant(), random);
    Optional<String> revoked = revokedCard(id, customer);
    if (revoked.isPresent()) {
      return new SessionOutcome(
          id.value(), SessionOutcome.Result.FAILED, Optional.empty(), revoked.get());
    }
    pickUpPendingLoads();
    if (entryId.equals(LOST_CARD) || entryId.equals(REGISTER) || entryId.equals(RECALL)) {
      return userSession(id, entryId, customer);
    }
    PurchaseSession session = new PurchaseSession(id, config.terminal());
    // A home PC serves registered users only (S2 ¶46-47): user id and password first.
    if (home.isPresent() && !home.get().logIn(Messages.of(config.language()).rendering(customer))) {
      return new SessionOutcome(
          id.value(), SessionOutcome.Result.CANCELLED, Optional.empty(), "not logged in");
    }
    if (home.isPresent() && users.isPresent()) {
      // The card in the PC's reader is recorded under the user who logged in (S2 ¶37, ¶40).
      new HomeCards(center, users.get().center(), card, tickets, clock)
          .record(
              home.get().login().orElseThrow(), Messages.of(config.language()).rendering(customer));
    }
    FlowRunner.Result result;
    try {
      result = flow(entryId, customer, session);
    } finally {
      home.ifPresent(HomeAccount::logOut);
    }
    SessionOutcome.Result kind =
        switch (result.state()) {
          case FlowRunner.COMPLETED -> SessionOutcome.Result.COMPLETED;
          case FlowRunner.CANCELLED -> SessionOutcome.Result.CANCELLED;
          case FlowRunner.UNSETTLED -> SessionOutcome.Result.PENDING;
          default -> SessionOutcome.Result.FAILED;
        };
    return new SessionOutcome(
        id.value(),
        kind,
        session.ticket().number().or(() -> session.ticket().soldItem()),
        result.reason());
  }

  private FlowRunner.Result flow(
      String entryId, CustomerTerminal customer, PurchaseSession session) {
    Messages messages = Messages.of(config.language());
    Duration margin = ConfirmHold.margin(config.bankTimeout(), config.centerTimeout());
    return switch (entryId) {
      case RESERVE_TO_CARD ->
          new ReserveToCardFlow(
                  card,
                  reservations,
                  center,
                  printer,
                  customer,
                  messages,
                  journal,
                  clock,
                  config.zone())
              .run(session);
      case PAY_RESERVATION ->
          new PayReservationFlow(
                  card,
                  tickets,
                  reservations,
                  center,
                  methods,
                  recovery(),
                  printer,
                  ticketPrinter,
                  customer,
                  messages,
                  journal,
                  clock,
                  config.zone(),
                  margin)
              .run(session);
      case ADD_FUNCTION ->
          new AddFunctionFlow(
                  card, center, methods, printer, customer, messages, journal, clock, config.zone())
              .run(session);
      case RECHARGE ->
          new RechargeFlow(
                  card,
                  center,
                  methods,
                  printer,
                  customer,
                  messages,
                  journal,
                  clock,
                  config.zone(),
                  purseLoad().orElseThrow())
              .run(session);
      case KIOSK_PURCHASE ->
          new KioskPurchaseFlow(
                  issuing.orElseThrow().unit(),
                  card,
                  tickets,
                  center,
                  issuing.orElseThrow().center(),
                  methods,
                  printer,
                  customer,
                  messages,
                  journal,
                  clock,
                  config.zone(),
                  config.kiosk().presentTimeout(),
                  config.kiosk().prepaidHoppers(),
                  users
                      .filter(
                          u ->
                              pinPad != null
                                  && config.terminal().has(TerminalProfile.Device.PIN_PAD))
                      .map(u -> new KioskPurchaseFlow.Registered(u.center(), pinPad)))
              .run(session);
      case DIRECT_PURCHASE ->
          new DirectPurchaseFlow(
                  card,
                  tickets,
                  center,
                  methods,
                  recovery(),
                  printer,
                  ticketPrinter,
                  customer,
                  messages,
                  journal,
                  clock,
                  config.zone())
              .run(session);
      default ->
          new ReserveAndIssueFlow(
                  card,
                  tickets,
                  center,
                  methods,
                  recovery(),
                  printer,
                  customer,
                  messages,
                  journal,
                  clock,
                  config.zone(),
                  margin)
              .run(session);
    };
  }

  /**
   * A card reported lost or stolen is refused before any flow starts (S2 ¶40): the center's signed
   * revocation list names it; the card is captured where the unit can, else returned, and the
   * session is journaled and ends. Empty when no card is in the reader or it is not revoked, or no
   * recent list can be had: the center refuses every sale onto a lost card anyway, and the card's
   * purse does not pay while its standing is unknown ({@link CardRevocations}).
   */
  private Optional<String> revokedCard(SessionId id, CustomerTerminal customer) {
    if (users.isEmpty()) {
      return Optional.empty();
    }
    CardId inserted;
    try {
      inserted = card.readChip().cardId();
    } catch (CardException e) {
      return Optional.empty();
    }
    CardRevocations.Check check = revocations.orElseThrow().check(inserted);
    if (check.standing() == CardRevocations.Standing.UNKNOWN) {
      java.util.logging.Logger.getLogger(TicketingPlugin.class.getName())
          .warning("no recent revocation list; card " + inserted + " not checked here");
    }
    Optional<String> why = check.reason();
    if (why.isEmpty()) {
      return Optional.empty();
    }
    boolean captured = false;
    Optional<CardUnit> unit = users.get().unit();
    if (unit.isPresent() && unit.get().hasStocker()) {
      try {
        unit.get().capture();
        captured = true;
      } catch (CardUnitException e) {
        captured = false;
      }
    }
    String reason = "card " + inserted + " was reported lost or stolen (" + why.get() + ")";
    java.util.Map<String, String> facts = new java.util.TreeMap<>();
    facts.put("card", inserted.value());
    facts.put("reason", reason);
    facts.put("cardCaptured", Boolean.toString(captured));
    journal.record(id, CARD_CHECK, FlowRunner.FAILED, facts);
    Messages messages = Messages.of(config.language());
    messages
        .rendering(customer)
        .inform(
            com.kippu.atm.flow.purchase.Screens.notice(
                "card-refused",
                Text.of("card-refused.title"),
                Text.of("card-refused.line", inserted.value()),
                Text.of(captured ? "card-refused.captured" : "card-refused.returned")));
    return Optional.of(reason);
  }

  private SessionOutcome userSession(SessionId id, String entryId, CustomerTerminal customer) {
    Users u = users.orElseThrow();
    Messages messages = Messages.of(config.language());
    UserSession session = new UserSession(id, config.terminal());
    FlowRunner.Result result =
        switch (entryId) {
          case LOST_CARD ->
              new LostCardFlow(
                      u.center(),
                      pinPad,
                      card,
                      tickets,
                      u.unit().orElseThrow(),
                      printer,
                      customer,
                      messages,
                      journal,
                      lostCardRecovery().orElseThrow(),
                      clock,
                      config.zone(),
                      u.presentTimeout(),
                      purseLoad())
                  .run(session);
          case REGISTER ->
              new RegisterFlow(
                      u.center(),
                      pinPad,
                      card,
                      tickets,
                      printer,
                      customer,
                      messages,
                      journal,
                      clock,
                      // A password and a card number cross only an encrypted center link.
                      config.centerTls().isPresent())
                  .run(session);
          default ->
              new RecallFlow(u.center(), pinPad, card, tickets, customer, messages, journal)
                  .run(session);
        };
    SessionOutcome.Result kind =
        switch (result.state()) {
          case FlowRunner.COMPLETED -> SessionOutcome.Result.COMPLETED;
          case FlowRunner.CANCELLED -> SessionOutcome.Result.CANCELLED;
          case FlowRunner.UNSETTLED -> SessionOutcome.Result.PENDING;
          default -> SessionOutcome.Result.FAILED;
        };
    return new SessionOutcome(id.value(), kind, Optional.empty(), result.reason());
  }

  /** The registered-user side, when this terminal offers F9 and F12. */
  public Optional<Users> users() {
    return users;
  }

  /** The reservations sealed on cards (F1-F3). */
  public ReservationRecords reservations() {
    return reservations;
  }

  /** The kiosk's card unit and the center's card catalog (F7), where the terminal sells cards. */
  public Optional<CardIssuing> issuing() {
    return issuing;
  }

  /** The ticket printer, on terminals that have one (F2). */
  public Optional<TicketPrinter> ticketPrinter() {
    return ticketPrinter;
  }

  public Journal journal() {
    return journal;
  }

  public TicketCard tickets() {
    return tickets;
  }

  public IssuerCenter center() {
    return center;
  }

  public IcCard card() {
    return card;
  }

  public BankHost bank() {
    return bank;
  }

  public PinPad pinPad() {
    return pinPad;
  }

  /** The payment devices the plugin opened, e.g. for the operator's view of the cash unit. */
  public PaymentDevices payments() {
    return payments;
  }

  public PluginConfig config() {
    return config;
  }

  @Override
  public void close() {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        java.util.logging.Logger.getLogger(TicketingPlugin.class.getName())
            .warning("closing " + r + " failed: " + e);
      }
    }
    journal.close();
    bank.close();
  }
}
