package com.kippu.simulator.web;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.spi.MenuEntry;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.ChipData;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedKeypads;
import com.kippu.devices.sim.SimulatedMagstripes;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchCards;
import com.kippu.simulator.DeviceCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jpos.JposException;

/**
 * The customer's side of the branch as the page drives it: a card inserted into the slot starts a
 * session on its own thread, which the page answers screen by screen through {@link
 * BrowserCustomer}; the PIN pad, the card reader and the cash slot act on the simulated devices
 * exactly as a customer's hands would. Every refused action throws {@link WebRefusal} before it
 * touches anything.
 */
final class WebBranch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WebBranch.class.getName());
  static final String BLANK_CARD = "blank";
  private static final int NOTICES = 8;
  private static final int SESSIONS = 5;

  private final Branch branch;
  private final Runnable changed;
  private final BrowserCustomer customer;
  private final Deque<String> notices = new ArrayDeque<>();
  private Thread session;
  private boolean kioskSession;
  private Branch.Customer holder;
  private boolean cardPresented;
  private boolean readerWaiting;
  private int pinDigits;
  private int blankCards;
  private volatile Locale language;
  private final Deque<String> sessions = new ArrayDeque<>();

  WebBranch(Branch branch, Runnable changed) {
    this.branch = branch;
    this.changed = changed;
    this.customer = new BrowserCustomer(changed);
    this.language =
        branch.ticketsAvailable() ? branch.plugin().config().language() : Locale.JAPANESE;
  }

  Branch branch() {
    return branch;
  }

  BrowserCustomer customer() {
    return customer;
  }

  Locale language() {
    return language;
  }

  /** Switches the language of the customer's screens: {@code ja} or {@code en}. */
  void language(String tag) throws WebRefusal {
    if (!tag.equals("ja") && !tag.equals("en")) {
      throw new WebRefusal(400, "Language '" + tag + "' is not offered: choose ja or en.");
    }
    language = Locale.forLanguageTag(tag);
    changed.run();
  }

  /**
   * The customer inserts a branch customer's IC card (by card id) or a blank card; the ticket
   * session starts at once.
   */
  synchronized void insertCard(String cardId) throws WebRefusal {
    if (session != null && kioskSession && branch.slot().card().isEmpty()) {
      // A kiosk session asks for the customer's own card: it goes into the slot, no new session.
      Branch.Customer own =
          Branch.CUSTOMERS.stream()
              .filter(c -> c.cardId().equals(cardId))
              .findFirst()
              .orElseThrow(
                  () -> new WebRefusal(400, "Insert one of the customers' cards: " + cardId));
      branch.slot().insert(branch.cardFile(own));
      changed.run();
      return;
    }
    if (session != null) {
      throw new WebRefusal(409, "A card is already in the slot: finish or cancel that session.");
    }
    Optional<CardDrawer.Card> known = Optional.empty();
    if (!BLANK_CARD.equals(cardId)) {
      try {
        known = Optional.of(CardDrawer.find(branch, cardId));
      } catch (WebRefusal e) {
        throw new WebRefusal(
            400, e.getMessage() + " Choose one of the customers' cards or a kiosk-issued one.");
      }
    }
    if (!branch.ticketsAvailable()) {
      throw new WebRefusal(
          409, "The ticket service is out of order: " + branch.ticketsDown() + ".");
    }
    Path card;
    try {
      card = known.isPresent() ? known.get().file() : newBlankCard();
    } catch (IOException e) {
      throw new WebRefusal(500, "The blank card could not be made: " + e.getMessage());
    }
    holder = known.flatMap(CardDrawer.Card::holder).orElse(null);
    branch.slot().insert(card);
    session = new Thread(() -> serve(card), "web-session");
    session.setDaemon(true);
    session.start();
    changed.run();
  }

  private Path newBlankCard() throws IOException {
    blankCards++;
    Path file = branch.dir().resolve("cards").resolve("blank-" + blankCards + ".card");
    Files.deleteIfExists(file);
    return branch.personaliseCard(file, new ChipData("KC-BLANK-" + blankCards, "", "", 0));
  }

  /**
   * A kiosk customer starts buying a card (F7) without inserting one, as {@code cardId}'s holder
   * (whose payment cards are at hand to swipe); the card is fed from the stocker or inserted when
   * the session asks, and presented at the slot at its end.
   */
  synchronized void startKioskPurchase(String cardId) throws WebRefusal {
    if (session != null) {
      throw new WebRefusal(409, "A session is under way: finish or cancel it first.");
    }
    if (!branch.ticketsAvailable()) {
      throw new WebRefusal(
          409, "The ticket service is out of order: " + branch.ticketsDown() + ".");
    }
    if (branch.plugin().menu().stream()
        .noneMatch(e -> e.id().equals(TicketingPlugin.KIOSK_PURCHASE))) {
      throw new WebRefusal(
          409, "This terminal sells no cards: restart it as a kiosk (operator panel).");
    }
    holder =
        Branch.CUSTOMERS.stream()
            .filter(c -> c.cardId().equals(cardId))
            .findFirst()
            .orElseThrow(() -> new WebRefusal(400, "There is no customer '" + cardId + "' here."));
    branch
        .slot()
        .whenPresented(
            slot -> {
              synchronized (this) {
                cardPresented = true;
              }
              changed.run();
            });
    kioskSession = true;
    session =
        new Thread(
            () -> serve(TicketingPlugin.KIOSK_PURCHASE, "kiosk session"), "web-kiosk-session");
    session.setDaemon(true);
    session.start();
    changed.run();
  }

  /** The customer chooses a service on the ATM's menu, then its session runs. */
  private void serve(Path card) {
    List<MenuEntry> entries = ServiceMenu.entries(branch.plugin());
    serve(
        () -> ServiceMenu.chosen(customer.show(ServiceMenu.screen(entries)), entries),
        "card " + card.getFileName());
  }

  private void serve(String entry, String what) {
    serve(() -> Optional.of(entry), what);
  }

  private void serve(java.util.function.Supplier<Optional<String>> choice, String what) {
    watchReader();
    try {
      Optional<String> entry = choice.get();
      if (entry.isEmpty()) {
        notice("No service chosen: the card is returned.");
        return;
      }
      SessionOutcome outcome = branch.plugin().run(entry.get(), customer);
      synchronized (this) {
        sessions.addFirst(outcome.sessionId());
        while (sessions.size() > SESSIONS) {
          sessions.removeLast();
        }
      }
      notice(
          "Session "
              + outcome.sessionId()
              + ": "
              + outcome.result()
              + outcome.ticketNumber().map(t -> ", ticket " + t).orElse("")
              + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")"));
    } catch (RuntimeException e) {
      // As at the console: a broken session takes the ticket service out until the self test.
      LOG.log(Level.SEVERE, "session of " + what + " failed", e);
      notice("This terminal is out of order: " + e.getMessage());
      branch.takeTicketsOutOfService(
          "a session failed (" + e.getMessage() + "); operator: run the self test to recover");
    } finally {
      branch.slot().whenPresented(null);
      returnCard();
      customer.clear();
      synchronized (this) {
        session = null;
        kioskSession = false;
        holder = null;
        readerWaiting = false;
        pinDigits = 0;
      }
      changed.run();
    }
  }

  /** The card is presented at the slot; the customer takes it with a click, or it is captured. */
  private void returnCard() {
    try {
      Branch.CardReturn result =
          branch.returnCard(
              slot -> {
                synchronized (this) {
                  cardPresented = true;
                }
                changed.run();
              });
      switch (result) {
        case TAKEN -> notice("Card taken.");
        case CAPTURED -> notice("The card was not taken and was retained in the capture bin.");
        case ALREADY_OUT -> notice("The card is out of the reader.");
      }
    } catch (JposException e) {
      notice(
          "The card could not be ejected (" + DeviceCheck.describe(e) + "); staff hand it back.");
    } finally {
      synchronized (this) {
        cardPresented = false;
      }
      branch.removeCard();
    }
  }

  /** The customer takes the card presented at the slot, or pulls it out during a session. */
  void takeCard() throws WebRefusal {
    if (branch.slot().card().isEmpty()) {
      throw new WebRefusal(409, "There is no card in the slot.");
    }
    branch.slot().remove();
    synchronized (this) {
      cardPresented = false;
    }
    changed.run();
  }

  private void watchReader() {
    SimulatedMagstripes.reader(branch.unitName(SimulatedDevices.MSR))
        .whenReading(
            r -> {
              synchronized (this) {
                readerWaiting = session != null;
              }
              changed.run();
            });
  }

  /** The customer swipes the {@code index}-th of their swipeable cards. */
  void swipe(int index) throws WebRefusal {
    Branch.Customer c;
    synchronized (this) {
      c = holder;
    }
    if (c == null) {
      throw new WebRefusal(409, "Insert a customer's IC card first: their cards are swiped here.");
    }
    List<BranchCards.Swipeable> cards = BranchCards.swipeableBy(c);
    if (index < 0 || index >= cards.size()) {
      throw new WebRefusal(400, c.name() + " has no card number " + (index + 1) + " to swipe.");
    }
    var reader = SimulatedMagstripes.reader(branch.unitName(SimulatedDevices.MSR));
    if (!reader.swipe(cards.get(index).stripe())) {
      throw new WebRefusal(409, "The card reader is not waiting for a card: nothing was read.");
    }
    synchronized (this) {
      readerWaiting = false;
    }
    watchReader();
    changed.run();
  }

  /**
   * The customer presses a PIN pad key: a digit, {@code enter}, {@code clear} or {@code cancel}.
   */
  void pinKey(String key) throws WebRefusal {
    SimulatedKeypads.Keypad pad = branch.pinPad();
    boolean digit = key.length() == 1 && Character.isDigit(key.charAt(0));
    if (!digit && !List.of("enter", "clear", "cancel").contains(key)) {
      throw new WebRefusal(400, "The PIN pad has no key '" + key + "'.");
    }
    if (!pad.pinEntryEnabled()) {
      throw new WebRefusal(409, "The PIN pad is not asking for a PIN: the key did nothing.");
    }
    synchronized (this) {
      if (digit) {
        pad.type(key);
        pinDigits++;
      } else if (key.equals("clear")) {
        pad.clear();
        pinDigits = 0;
      } else {
        pinDigits = 0;
        if (key.equals("enter")) {
          pad.enter();
        } else {
          pad.cancel();
        }
      }
    }
    changed.run();
  }

  /** The customer puts {@code count} notes or coins of {@code yen} into the cash slot. */
  void insertCash(int yen, int count) throws WebRefusal {
    Denomination d;
    try {
      d = Denomination.ofYen(yen);
    } catch (IllegalArgumentException e) {
      throw new WebRefusal(400, "The cash slot takes no " + yen + " yen piece: nothing was taken.");
    }
    if (count < 1 || count > 100) {
      throw new WebRefusal(400, "Insert from 1 to 100 pieces at a time.");
    }
    var slot = branch.cashSlot();
    if (!slot.accepting()) {
      throw new WebRefusal(409, "The cash slot is closed: no payment is asking for cash.");
    }
    CashCounts back;
    try {
      back = slot.insert(d, count);
    } catch (IllegalStateException e) {
      throw new WebRefusal(409, "The cash slot is closed: no payment is asking for cash.");
    }
    changed.run();
    if (!back.isEmpty()) {
      // The validator handed the pieces back: they lie in the tray, the escrow is as it was.
      throw new WebRefusal(
          409,
          String.format(
              "This machine does not take %,d yen %s: %s returned to the tray (take %s back);"
                  + " nothing was counted.",
              yen,
              d.isCoin() ? "coins" : "notes",
              back.pieces() == 1 ? "it was" : "they were",
              back.pieces() == 1 ? "it" : "them"));
    }
  }

  /** The customer takes the change and repaid cash from the tray; what they took. */
  CashCounts takeCash() throws WebRefusal {
    var slot = branch.cashSlot();
    CashCounts taken = slot.takeDispensed().plus(slot.takeReturned());
    if (taken.isEmpty()) {
      throw new WebRefusal(409, "The cash tray is empty.");
    }
    notice("Cash taken: " + PageState.describe(taken) + String.format(" (%,d yen)", taken.total()));
    changed.run();
    return taken;
  }

  synchronized boolean sessionRunning() {
    return session != null;
  }

  synchronized Optional<Branch.Customer> holder() {
    return Optional.ofNullable(holder);
  }

  synchronized boolean cardPresented() {
    return cardPresented;
  }

  synchronized boolean readerWaiting() {
    return readerWaiting;
  }

  synchronized int pinDigits() {
    return pinDigits;
  }

  /** The sessions served from the page, newest first (a few). */
  synchronized List<String> sessions() {
    return List.copyOf(sessions);
  }

  synchronized List<String> notices() {
    return List.copyOf(notices);
  }

  void notice(String text) {
    synchronized (this) {
      notices.addFirst(text);
      while (notices.size() > NOTICES) {
        notices.removeLast();
      }
    }
    changed.run();
  }

  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      running = session;
    }
    if (running != null) {
      running.interrupt();
    }
  }
}
