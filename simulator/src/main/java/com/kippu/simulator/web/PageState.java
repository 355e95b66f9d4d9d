package com.kippu.simulator.web;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Screen;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchCards;
import com.kippu.simulator.Operator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the page shows, as one JSON-ready tree built from the live branch: the customer's
 * screen rendered in the page's language from the plugin's bundles, the devices, the operator's
 * status and switches, and the host side. Account numbers and card numbers appear masked only.
 */
final class PageState {
  private static final int PRINTOUTS = 6;
  private static final String RECEIPT = "receipt-";
  private static final String TICKET = "ticket-";

  private final WebBranch web;
  private final HostPanel host;
  private final CenterPanel center;

  PageState(WebBranch web, HostPanel host) {
    this.web = web;
    this.host = host;
    this.center = new CenterPanel(web.branch());
  }

  Map<String, Object> build() {
    Branch branch = web.branch();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("language", web.language().getLanguage());
    state.put("terminalId", branch.terminalId());
    state.put("ticketsAvailable", branch.ticketsAvailable());
    state.put("ticketsDown", branch.ticketsDown());
    state.put("screen", screen());
    state.put("devices", devices(branch));
    state.put("notices", web.notices());
    state.put("receipts", printouts(branch.receipts(), RECEIPT));
    state.put("tickets", printouts(branch.receipts(), TICKET));
    state.put("operator", new Operator(branch, null, null).status());
    state.put("switches", switches(branch));
    state.put("host", host.state());
    state.put("center", center.state());
    state.put("journal", journal(branch));
    try {
      state.put("seatMap", seatMap(branch));
    } catch (CenterException | RuntimeException e) {
      state.put("seatMap", List.of());
    }
    return state;
  }

  private Map<String, Object> screen() {
    Map<String, Object> s = new LinkedHashMap<>();
    var shown = web.customer().current();
    if (shown.isEmpty()) {
      return s;
    }
    Screen screen = Messages.of(web.language()).render(shown.get().screen());
    s.put("sequence", shown.get().sequence());
    s.put("id", screen.id());
    s.put("title", screen.title());
    s.put("lines", screen.lines());
    List<Map<String, String>> choices = new ArrayList<>();
    for (Screen.Choice c : screen.choices()) {
      choices.add(Map.of("key", c.key(), "label", c.label()));
    }
    s.put("choices", choices);
    screen
        .input()
        .ifPresent(
            i ->
                s.put(
                    "input",
                    Map.of(
                        "label", i.label(),
                        "maxLength", i.maxLength(),
                        "kind", i.kind().name())));
    web.customer()
        .lastNotice()
        .map(Messages.of(web.language())::render)
        .ifPresent(
            n -> s.put("notice", Map.of("id", n.id(), "title", n.title(), "lines", n.lines())));
    s.put("awaitsAnswer", shown.get().awaitsAnswer());
    s.put("timeoutMs", screen.timeout().toMillis());
    // What is left of it now: a page opened or reloaded mid-screen counts down from there.
    s.put(
        "remainingMs",
        Math.max(
            0,
            screen.timeout().toMillis()
                - java.time.Duration.between(shown.get().shownAt(), java.time.Instant.now())
                    .toMillis()));
    return s;
  }

  private Map<String, Object> devices(Branch branch) {
    Map<String, Object> d = new LinkedHashMap<>();
    List<Map<String, Object>> cards = new ArrayList<>();
    for (CardDrawer.Card c : CardDrawer.cards(branch)) {
      cards.add(Map.of("cardId", c.cardId(), "label", c.label(), "face", c.showsFace()));
    }
    d.put("cards", cards);
    d.put("cardInSlot", branch.slot().card().isPresent());
    d.put("cardPresented", web.cardPresented());
    d.put("sessionRunning", web.sessionRunning());
    d.put("holder", web.holder().map(Branch.Customer::cardId).orElse(""));
    d.put(
        "swipeable",
        web.holder()
            .map(
                h -> BranchCards.swipeableBy(h).stream().map(BranchCards.Swipeable::label).toList())
            .orElse(List.of()));
    d.put("readerWaiting", web.readerWaiting());
    d.put("stockerBlanks", branch.slot().blanksInStocker());
    d.put("stockerPrepaid", branch.slot().cardsInHopper(1));
    d.put("capturedCards", branch.slot().capturedCards().size());
    d.put(
        "sellsCards",
        branch.ticketsAvailable()
            && branch.plugin().menu().stream()
                .anyMatch(e -> e.id().equals(com.kippu.atm.TicketingPlugin.KIOSK_PURCHASE)));
    d.put("pinActive", branch.pinPad().pinEntryEnabled());
    d.put("pinDigits", web.pinDigits());
    var cash = branch.cashSlot();
    d.put("cashAccepting", cash.accepting());
    CashCounts tray = cash.inTray();
    d.put("tray", describe(tray));
    d.put("trayYen", tray.total());
    // What the unit holds in escrow for the deposit under way, as its counts file records it.
    CashCounts escrow = escrow(branch);
    d.put("escrow", describe(escrow));
    d.put("escrowYen", escrow.total());
    d.put("denominations", Denomination.YEN.stream().map(Denomination::yen).toList());
    // Offered all the same: a customer may try a note the validator hands back.
    d.put("refusedDenominations", cash.refused().stream().sorted().map(Denomination::yen).toList());
    return d;
  }

  private static CashCounts escrow(Branch branch) {
    try {
      return com.kippu.devices.cash.CashLedger.read(branch.cashCountsFile()).depositEscrow();
    } catch (java.io.IOException | RuntimeException e) {
      return CashCounts.empty();
    }
  }

  /** Cash as a person counts it: {@code 5,000 yen x 1, 1,000 yen x 3}; empty for none. */
  static String describe(CashCounts cash) {
    List<String> parts = new ArrayList<>();
    List<Denomination> biggestFirst = new ArrayList<>(cash.denominations());
    biggestFirst.sort(Comparator.comparingInt(Denomination::yen).reversed());
    for (Denomination d : biggestFirst) {
      if (cash.count(d) > 0) {
        parts.add(String.format("%,d yen x %d", d.yen(), cash.count(d)));
      }
    }
    return String.join(", ", parts);
  }

  /** The newest receipt and ticket images together, newest print first. */
  static List<String> receipts(Path dir) {
    return printouts(dir, "");
  }

  /**
   * The newest images named {@code prefix}..., newest print first. Ordered by when they were
   * printed (modification time, then name), not by name alone: both printers number their own
   * files, so by name every {@code ticket-} file would come before every newer {@code receipt-}.
   */
  static List<String> printouts(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(Path::getFileName)
          .map(Path::toString)
          .filter(name -> name.startsWith(prefix) && name.endsWith(".png"))
          .map(name -> new Printout(name, printedAt(dir.resolve(name))))
          .sorted(
              Comparator.comparing(Printout::printedAt).thenComparing(Printout::name).reversed())
          .limit(PRINTOUTS)
          .map(Printout::name)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private record Printout(String name, FileTime printedAt) {}

  /** When the file was last written; a file gone meanwhile counts as oldest. */
  private static FileTime printedAt(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /**
   * The journal live: the session under way (any the journal holds open, newest first) step by
   * step, or else the last one served from the page, then the ends of the earlier ones. The journal
   * panel reads every session and day from the journal's file ({@link JournalPanel}).
   */
  private List<Map<String, Object>> journal(Branch branch) {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (!branch.ticketsAvailable()) {
      return rows;
    }
    List<String> sessions = new ArrayList<>();
    try {
      branch.plugin().journal().openSessions().forEach(id -> sessions.add(0, id.value()));
    } catch (RuntimeException e) {
      // A journal that cannot be read shows what the page itself served.
    }
    web.sessions().stream().filter(id -> !sessions.contains(id)).forEach(sessions::add);
    for (int i = 0; i < sessions.size(); i++) {
      List<JournalEntry> entries =
          branch.plugin().journal().entries(new SessionId(sessions.get(i)));
      List<JournalEntry> shown =
          i == 0 ? entries : entries.subList(entries.size() - 1, entries.size());
      for (JournalEntry e : shown) {
        rows.add(
            Map.of(
                "session", sessions.get(i),
                "state", e.state(),
                "at", e.at().toString(),
                "facts", new java.util.TreeMap<>(e.facts()).toString()));
      }
    }
    return rows;
  }

  /** The seat map of every event the center sells: seat, price and free / held / sold. */
  static List<Map<String, Object>> seatMap(Branch branch) throws CenterException {
    List<Map<String, Object>> events = new ArrayList<>();
    if (!branch.ticketsAvailable()) {
      return events;
    }
    for (EventSummary e : branch.plugin().center().events()) {
      List<Map<String, Object>> seats = new ArrayList<>();
      for (Seat s : branch.plugin().center().seats(e.eventId())) {
        seats.add(
            Map.of(
                "seat", s.section() + " " + s.row() + "-" + s.number(),
                "price", s.price().yen(),
                "status", s.status().name()));
      }
      events.add(Map.of("event", e.title(), "seats", seats));
    }
    return events;
  }

  /**
   * Throws an operator switch, giving it {@code line} as the console's input (a power switch's 1, 2
   * or 3, or the line a switch asks for); what the operator mode reported, as text.
   */
  static String throwSwitch(Branch branch, String key, String line) throws WebRefusal, IOException {
    var text = new java.io.ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new StringReader(line + "\n"));
    if (!new Operator(branch, in, out).throwSwitch(key)) {
      throw new WebRefusal(400, "The operator panel has no switch '" + key + "'.");
    }
    return text.toString(java.nio.charset.StandardCharsets.UTF_8).trim();
  }

  /** The operator's switches; one that {@code asks} for a line gets a field on the page. */
  static List<Map<String, String>> switches(Branch branch) {
    return new Operator(branch, null, null)
        .switches().stream()
            .map(s -> Map.of("key", s.key(), "label", s.label(), "asks", s.asks()))
            .toList();
  }
}
