package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardHolder;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecord;
import com.kippu.atm.card.RecordType;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.Signatures;
import com.kippu.atm.gate.TicketInspector;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.devices.ChipData;
import com.kippu.gate.GateResult;
import com.kippu.gate.check.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registered users (F12, S2 ¶35-37) and their lost or stolen cards (F9, S2 ¶37-40), played at the
 * terminal through the plugin's own flows: user id typed, PIN on the PIN pad (it leaves the pad
 * only as a block for the center), the card's own answer before it is linked or receives a lost
 * card's contents, a new card from the kiosk's stocker.
 */
final class UserScenarios {
  static final String USER = "hanako01";

  /** Hanako's user PIN: a demo value, public on purpose, typed on the simulated PIN pad. */
  static final String USER_PIN = "7314";

  /** Taro's user PIN in the registration scenario. */
  static final String TARO_PIN = "2468";

  /** Every user PIN typed on the PIN pad in these scenarios: none may travel or rest in clear. */
  static final List<String> DEMO_USER_PINS = List.of(USER_PIN, TARO_PIN);

  static final String NAME = "佐藤花子";
  static final String PHONE = "03-1234-5678";
  static final String ADDRESS = "東京都千代田区丸の内1-1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUER = CatalogSeed.ISSUER.value();

  private UserScenarios() {}

  static List<DemoScenario> all() {
    return List.of(
        scenario(
            "lost-card-reissue",
            "a registered user's lost card is invalidated at a kiosk, at the center and at its"
                + " issuer, and its valid tickets are reissued once onto a new card from the"
                + " stocker; the old card is refused at the gate and at the terminal (S2 ¶37-40)",
            TerminalProfile.Kind.KIOSK,
            UserScenarios::lostCardReissue),
        scenario(
            "register-and-recall",
            "a user registers name, phone and address with a PIN on the PIN pad, the card is"
                + " linked and carries the user id; later user id + PIN recall the attributes and"
                + " the purchases (S2 ¶35-37)",
            TerminalProfile.Kind.BANK_ATM,
            UserScenarios::registerAndRecall),
        scenario(
            "wrong-pin-lockout",
            "wrong PINs lock the user after five tries, and PIN spraying across user ids from one"
                + " terminal is throttled; both end when their time is up",
            TerminalProfile.Kind.BANK_ATM,
            UserScenarios::wrongPinLockout));
  }

  private interface Play {
    void play(DemoRun run) throws Exception;
  }

  private static DemoScenario scenario(
      String name, String title, TerminalProfile.Kind kind, Play play) {
    return new DemoScenario() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public TerminalProfile.Kind kind() {
        return kind;
      }

      @Override
      public void play(DemoRun run) throws Exception {
        play.play(run);
      }
    };
  }

  // ---- lost-card-reissue ------------------------------------------------------------------

  private static void lostCardReissue(DemoRun run) throws Exception {
    Branch branch = run.branch();
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    run.heading("Hanako registers at the kiosk; her card is linked and carries her user id");
    register(run, hanako, USER, USER_PIN);

    run.heading("Her card also carries 20,000 yen of e-money, registered with its issuer");
    long purse = run.purseYen(hanako);
    CardValueScenarios.prepaidCard(branch, hanako.cardId(), purse);
    run.check(
        CardValueScenarios.valueAtCenter(branch, hanako.cardId()) == purse,
        "the issuer's ledger of the card holds what its purse holds: " + purse + " yen");

    run.heading("She buys two seats onto her card (one with its e-money) and uses one at the gate");
    String first = buy(run, hanako);
    String second = buy(run, hanako, "emoney");
    long left = run.purseYen(hanako);
    run.check(left < purse, "the purse paid: " + purse + " -> " + left + " yen");
    run.check(
        CardValueScenarios.valueAtCenter(branch, hanako.cardId()) == left,
        "the issuer's ledger follows the purse's payment: "
            + CardValueScenarios.valueAtCenter(branch, hanako.cardId())
            + " yen");
    String used;
    try (GateStation gate = gate(run, "GATE-A")) {
      GateResult entered = gate.present(hanako);
      run.check(entered.admitted(), "the gate admits one of her tickets");
      used = entered.ticket().map(t -> t.ticketNumber()).orElse("-");
    }
    Set<String> valid = new TreeSet<>(List.of(first, second));
    valid.remove(used);
    run.check(valid.size() == 1, "one ticket stays valid on her card: " + valid);

    run.heading("She buys a commuter pass onto the same card at the kiosk");
    SessionOutcome passSale =
        PassPurchases.ontoOwnCard(run, hanako, PassPurchases.keyedIn(NAME, PHONE, ADDRESS));
    run.check(
        passSale.result() == SessionOutcome.Result.COMPLETED,
        "the pass was sold onto her card: " + passSale.result() + " " + passSale.detail());
    String pass = passSale.ticketNumber().orElse("-");

    run.heading(
        "Her card is stolen: at the kiosk she signs in and has it invalidated and reissued");
    List<Path> blanks = loadStocker(run, "KB-20001", "KB-20002");
    Path newCard = blanks.get(0);
    branch.slot().whenPresented(s -> s.remove());
    SessionOutcome lost = lostCardSession(run, USER, USER_PIN, hanako.cardId());
    run.check(
        lost.result() == SessionOutcome.Result.COMPLETED,
        "the lost-card session completed: " + lost.result() + " " + lost.detail());
    run.check(branch.slot().blanksInStocker() == 1, "exactly one new card left the stocker");
    List<com.kippu.atm.journal.JournalEntry> journal =
        branch.plugin().journal().entries(new com.kippu.atm.journal.SessionId(lost.sessionId()));
    List<String> states = journal.stream().map(e -> e.state()).toList();
    run.check(
        states.indexOf("report-lost.done") >= 0
            && states.indexOf("report-lost.done") < states.indexOf("reissue.done")
            && states.indexOf("reissue.done") < states.indexOf("write-new-card.done")
            && states.get(states.size() - 1).equals("COMPLETED"),
        "journal: reported lost, reissued at the center, written to the new card, completed: "
            + states);
    run.check(
        journal.stream()
            .flatMap(e -> e.facts().keySet().stream())
            .noneMatch(k -> k.toLowerCase(java.util.Locale.ROOT).contains("pin")),
        "journal: no PIN or PIN block in any fact (they stay in memory)");

    run.heading("The issuer's local server is told, and flags the card in its own records");
    var delivered = branch.center().deliverOutbox();
    run.out().println("  [outbox] " + delivered);
    run.check(
        branch.issuers().about(ISSUER, "CARD_LOST", hanako.cardId()).isPresent(),
        "the issuer's outbox endpoint received the CARD_LOST record of " + hanako.cardId());
    run.check(
        branch.issuers().invalidated(ISSUER, hanako.cardId()),
        "the issuer's own records flag " + hanako.cardId() + " invalidated");

    run.heading("The new card holds exactly the old card's valid items, each once");
    CardView view = view(run, newCard);
    view.lines().forEach(l -> run.out().println("    " + l));
    run.check(
        view.reissueOf().equals(valid),
        "the new card's tickets replace exactly the old card's valid ones: "
            + view.reissueOf()
            + " for "
            + valid);
    run.check(
        view.ticketRecords() == view.tickets().size()
            && new HashSet<>(view.tickets()).size() == view.tickets().size(),
        "no ticket was written twice: " + view.ticketRecords() + " ticket records");
    run.check(view.signaturesValid(), "every ticket on the new card verifies for the new card");
    run.check(
        view.passReissueOf().equals(List.of(pass)) && view.passesValid(),
        "the new card holds her commuter pass once, reissued for the new card: "
            + view.passReissueOf()
            + " for "
            + pass);
    List<JsonNode> railway = KioskScenarios.outbox(run, KioskIssuers.RAILWAY);
    String newCardId = KioskScenarios.cardId(newCard);
    run.check(
        railway.stream()
                .filter(m -> "COMMUTER_PASS_REISSUE".equals(m.path("saleKind").asText()))
                .filter(
                    m ->
                        pass.equals(m.path("reissueOf").asText())
                            && newCardId.equals(m.path("cardId").asText())
                            && m.path("amountYen").asLong() == 0
                            && NAME.equals(m.path("holder").path("name").asText()))
                .count()
            == 1,
        "the railway's sales record names the reissue of pass "
            + pass
            + " onto "
            + newCardId
            + " with the holder and no new amount");
    run.check(
        railway.stream().filter(m -> "COMMUTER_PASS".equals(m.path("saleKind").asText())).count()
            == 1,
        "the railway was told of one sale only: the reissue is not a new sale");
    run.check(
        railway.stream()
            .anyMatch(
                m ->
                    "CARD_LOST".equals(m.path("type").asText())
                        && m.path("passes").toString().contains(pass)),
        "the railway was told the card holding pass " + pass + " is lost");
    run.check(
        view.holder().map(h -> h.userId().equals(USER)).orElse(false)
            && view.holder().flatMap(CardHolder::reissueOf).equals(Optional.of(hanako.cardId())),
        "the new card names its holder " + USER + " and the card it replaces");
    long moved = purseOf(newCard);
    run.check(
        moved == left,
        "the new card's purse holds the old card's remaining e-money, "
            + left
            + " yen ("
            + moved
            + ")");
    CenterCalls.Answer oldPurse =
        new CenterCalls(branch).getAsTerminal("/v1/prepaid-cards/" + hanako.cardId());
    run.check(
        oldPurse.status() == 410
            && CardValueScenarios.valueAtCenter(
                    branch, view.holder().map(CardHolder::cardId).orElse("-"))
                == left,
        "the issuer's ledger moved the value: the old card's purse pays for nothing (HTTP "
            + oldPurse.status()
            + "), the new card holds "
            + left
            + " yen");
    Path face = newCard.resolveSibling(newCard.getFileName() + ".face.png");
    run.check(Files.isRegularFile(face), "the new card's face was printed: " + face);
    run.latestReceipt();

    run.heading("The old card is refused at the gate and at the terminal");
    try (GateStation gate = gate(run, "GATE-B")) {
      run.check(
          gate.present(hanako).refusal().equals(Optional.of(Refusal.CARD_REVOKED)),
          "the gate refuses the old card from the signed revocation list");
      GateResult reissued = gate.present(newCard, "Hanako with her new card");
      run.check(reissued.admitted(), "the gate admits her reissued ticket from the new card");
    }
    SessionOutcome refused = run.session(hanako, run.customer());
    run.check(
        refused.result() == SessionOutcome.Result.FAILED
            && refused.detail().contains("reported lost"),
        "the terminal refuses the old card before any flow: " + refused.detail());
    run.check(
        branch.slot().capturedCards().contains(branch.cardFile(hanako).toAbsolutePath()),
        "the kiosk retained the old card in its capture bin");

    run.heading("Asking again reissues nothing twice");
    SessionOutcome again = lostCardSession(run, USER, USER_PIN, hanako.cardId());
    run.check(
        again.result() == SessionOutcome.Result.CANCELLED,
        "no card is left to reissue: " + again.result() + " " + again.detail());
    run.check(branch.slot().blanksInStocker() == 1, "no further card left the stocker");
    CardView later = view(run, newCard);
    run.check(
        later.tickets().equals(view.tickets()) && later.passReissueOf().equals(List.of(pass)),
        "the new card holds the same tickets and the one pass");
    run.check(
        KioskScenarios.outbox(run, KioskIssuers.RAILWAY).stream()
                .filter(m -> "COMMUTER_PASS_REISSUE".equals(m.path("saleKind").asText()))
                .count()
            == 1,
        "the pass was reissued once");
    run.check(purseOf(newCard) == left, "and the same e-money, loaded once: " + left);
  }

  /** The e-money in the purse of card image {@code cardFile}. */
  static long purseOf(Path cardFile) throws Exception {
    String dump = com.kippu.devices.sim.CardImages.dump(cardFile);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("e-money\\s+(\\d+) yen").matcher(dump);
    if (!m.find()) {
      throw new IllegalStateException("no e-money balance in the card image " + cardFile);
    }
    return Long.parseLong(m.group(1));
  }

  /** A lost-card session (F9) at the kiosk: user id, PIN on the PIN pad, the card chosen. */
  static SessionOutcome lostCardSession(DemoRun run, String user, String pin, String lostCard) {
    Branch branch = run.branch();
    ScriptedCustomer script =
        run.customer()
            .on("user-id", s -> Answer.entered(user))
            .on("user-pin", typesPin(branch, pin))
            .on("choose-lost-card", lostCard);
    SessionOutcome outcome = branch.plugin().run(TicketingPlugin.LOST_CARD, run.watched(script));
    run.out()
        .println(
            "  [session] " + outcome.sessionId() + " " + outcome.result() + " " + outcome.detail());
    return outcome;
  }

  /** Blank cards, personalised with their own keys by the card issuer, into the stocker. */
  static List<Path> loadStocker(DemoRun run, String... ids) throws Exception {
    Branch branch = run.branch();
    List<Path> files = new ArrayList<>();
    for (String id : ids) {
      files.add(blankCard(branch, id));
    }
    // These cards alone: the kiosk's own blanks are taken out first, as staff would.
    branch.slot().unloadStocker();
    branch.slot().loadStocker(files);
    run.out().println("  [stocker] loaded " + List.of(ids));
    return files;
  }

  /**
   * A blank card of the stocker: its own id and key, no holder, no account (a card sold blank pays
   * from nothing), nothing in its write-once area; as the kiosk's own blanks ({@link KioskStock}).
   */
  static Path blankCard(Branch branch, String id) throws Exception {
    Path file = branch.dir().resolve("cards").resolve(id + ".card");
    if (!Files.exists(file)) {
      branch.personaliseCard(file, new ChipData(id, "", "", 0));
    }
    return file;
  }

  // ---- register-and-recall ----------------------------------------------------------------

  private static void registerAndRecall(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    run.heading("Hanako registers with her card in the reader");
    register(run, hanako, USER, USER_PIN);
    CardView card = view(run, run.branch().cardFile(hanako));
    run.check(
        card.holder()
            .map(h -> h.userId().equals(USER) && h.cardId().equals(hanako.cardId()))
            .orElse(false),
        "her card now carries her user id and its card id (a HOLDER record)");

    run.heading("A second registration under the same user id is refused, another id is not");
    Branch.Customer taro = Branch.CUSTOMERS.get(1);
    ScriptedCustomer taroScript =
        profileScript(run, "鈴木太郎", "03-9876-5432", "大阪府大阪市北区1-2")
            .on("register-user-id", s -> Answer.entered(USER))
            .on("register-user-id", s -> Answer.entered("taro0001"))
            .on("user-pin", typesPin(run.branch(), TARO_PIN))
            .on("user-pin", typesPin(run.branch(), TARO_PIN))
            .on("user-pin", typesPin(run.branch(), TARO_PIN))
            .on("user-pin", typesPin(run.branch(), TARO_PIN));
    SessionOutcome taken = run.session(TicketingPlugin.REGISTER, taro, taroScript);
    run.check(
        taken.result() == SessionOutcome.Result.COMPLETED,
        "Taro chose another id after " + USER + " was taken: " + taken.result());
    run.check(
        !taroScript.screenIds().contains("home-access-offer"),
        "no home PC password or card number is asked over this branch's plain center link");

    run.heading("She buys a seat onto her card");
    String ticket = buy(run, hanako);

    run.heading("Later, user id + PIN recall her attributes and purchases (a wrong PIN first)");
    ScriptedCustomer recall =
        run.customer()
            .on("user-id", s -> Answer.entered(USER))
            .on("user-pin", typesPin(run.branch(), "0000"))
            .on("user-id", s -> Answer.entered(USER))
            .on("user-pin", typesPin(run.branch(), USER_PIN))
            .on("recall", "write:" + ticket);
    SessionOutcome recalled = run.session(TicketingPlugin.RECALL, hanako, recall);
    run.check(
        recalled.result() == SessionOutcome.Result.COMPLETED,
        "the recall completed: " + recalled.result() + " " + recalled.detail());
    run.check(recall.screenIds().contains("user-pin-wrong"), "the wrong PIN was answered as wrong");
    String shown =
        recall.transcript().stream()
            .filter(s -> s.id().equals("recall"))
            .flatMap(s -> s.lines().stream())
            .reduce("", (a, b) -> a + "\n" + b);
    run.check(
        shown.contains(NAME) && shown.contains(PHONE) && shown.contains(ADDRESS),
        "her registered name, phone and address fill the form");
    run.check(shown.contains(ticket), "her earlier purchase " + ticket + " is listed for reissue");
    CardView after = view(run, run.branch().cardFile(hanako));
    run.check(after.tickets().contains(ticket), "her ticket is on her card");
    run.check(
        after.ticketRecords() == new HashSet<>(after.tickets()).size(),
        "writing the recalled ticket again did not add it twice");
  }

  // ---- wrong-pin-lockout ------------------------------------------------------------------

  private static void wrongPinLockout(DemoRun run) throws Exception {
    Branch branch = run.branch();
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    register(run, hanako, USER, USER_PIN);

    run.heading("Five wrong PINs lock the user; the right PIN is refused while locked");
    ScriptedCustomer guesses = run.customer();
    for (int i = 0; i < 5; i++) {
      guesses.on("user-id", s -> Answer.entered(USER)).on("user-pin", typesPin(branch, "1111"));
    }
    SessionOutcome locked = run.session(TicketingPlugin.RECALL, hanako, guesses);
    long wrong = guesses.screenIds().stream().filter("user-pin-wrong"::equals).count();
    run.check(wrong == 4, "four wrong PINs are answered as wrong: " + wrong);
    run.check(
        guesses.screenIds().contains("user-locked")
            && locked.result() == SessionOutcome.Result.CANCELLED,
        "the fifth locks the user: " + locked.result() + " " + locked.detail());
    SessionOutcome right =
        run.session(
            TicketingPlugin.RECALL,
            hanako,
            run.customer()
                .on("user-id", s -> Answer.entered(USER))
                .on("user-pin", typesPin(branch, USER_PIN)));
    run.check(
        right.result() == SessionOutcome.Result.CANCELLED && right.detail().contains("USER_LOCKED"),
        "the right PIN is refused while the user is locked: " + right.detail());

    run.heading("PIN spraying: one guess at each of many user ids from this terminal");
    List<String> others = List.of("user0001", "user0002", "user0003", "user0004", "user0005");
    for (String other : others) {
      new GateCenterCalls(branch).register(other, "5" + other.substring(5));
    }
    List<String> answers = new ArrayList<>();
    for (String other : others) {
      ScriptedCustomer spray =
          run.customer()
              .on("user-id", s -> Answer.entered(other))
              .on("user-pin", typesPin(branch, "1234"));
      SessionOutcome o = run.session(TicketingPlugin.RECALL, hanako, spray);
      answers.add(other + " " + o.detail());
    }
    run.out().println("  [spraying] " + answers);
    run.check(
        answers.stream().anyMatch(a -> a.contains("TERMINAL_THROTTLED")),
        "the terminal is throttled after ten wrong PINs across user ids");
    SessionOutcome blocked =
        run.session(
            TicketingPlugin.RECALL,
            hanako,
            run.customer()
                .on("user-id", s -> Answer.entered("user0005"))
                .on("user-pin", typesPin(branch, "50005")));
    run.check(
        blocked.detail().contains("TERMINAL_THROTTLED"),
        "while throttled even a right PIN from this terminal is not looked at: "
            + blocked.detail());

    run.heading("Half an hour later both have ended");
    run.advanceClock(Duration.ofMinutes(31));
    SessionOutcome later =
        run.session(
            TicketingPlugin.RECALL,
            hanako,
            run.customer()
                .on("user-id", s -> Answer.entered(USER))
                .on("user-pin", typesPin(branch, USER_PIN))
                .on("recall", "done"));
    run.check(
        later.result() == SessionOutcome.Result.COMPLETED,
        "the right PIN signs her in again: " + later.result() + " " + later.detail());
  }

  // ---- shared -----------------------------------------------------------------------------

  /** Registers {@code user} at the terminal with {@code c}'s card in the reader (F12). */
  static void register(DemoRun run, Branch.Customer c, String user, String pin) {
    ScriptedCustomer script =
        profileScript(run, NAME, PHONE, ADDRESS)
            .on("register-user-id", s -> Answer.entered(user))
            .on("user-pin", typesPin(run.branch(), pin))
            .on("user-pin", typesPin(run.branch(), pin));
    SessionOutcome registered = run.session(TicketingPlugin.REGISTER, c, script);
    run.check(
        registered.result() == SessionOutcome.Result.COMPLETED,
        "registered as " + user + ": " + registered.result() + " " + registered.detail());
    run.check(script.screenIds().contains("card-linked"), "the card in the reader was linked");
  }

  private static ScriptedCustomer profileScript(
      DemoRun run, String name, String phone, String address) {
    return run.customer()
        .on("register-name", s -> Answer.entered(name))
        .on("register-phone", s -> Answer.entered(phone))
        .on("register-address", s -> Answer.entered(address));
  }

  /**
   * When the PIN screen shows, the customer types {@code pin} on the PIN pad and presses ENTER: the
   * digits go to the pad only, never to the screen or the script's answer.
   */
  static java.util.function.Function<com.kippu.atm.spi.Screen, Answer> typesPin(
      Branch branch, String pin) {
    return s -> {
      branch.typePinAtNextEntry(pin);
      return Answer.cancel();
    };
  }

  /**
   * {@code c} buys a seat of the concert onto the card: by account transfer, or by credit card at a
   * kiosk (which takes no account transfer).
   */
  static String buy(DemoRun run, Branch.Customer c) throws Exception {
    boolean kiosk = run.branch().plugin().config().terminal().kind() == TerminalProfile.Kind.KIOSK;
    return buy(run, c, kiosk ? "credit" : "transfer");
  }

  /** As above, paid by {@code method}. */
  static String buy(DemoRun run, Branch.Customer c, String method) throws Exception {
    Branch branch = run.branch();
    EventSummary concert = branch.plugin().center().events().get(0);
    Seat seat = run.firstFreeSeat(concert.eventId());
    SessionOutcome bought =
        run.session(
            c,
            run.customer()
                .on("select-event", concert.eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-payment", method)
                .on(
                    "swipe-card",
                    screen -> {
                      BranchCards.swipeAtNextRead(
                          branch, BranchCards.of(c, AuthorizationRequest.Kind.CREDIT));
                      return Answer.cancel();
                    }));
    run.check(
        bought.result() == SessionOutcome.Result.COMPLETED,
        c.name() + " bought seat " + seat.seatId() + ": " + bought.result());
    return bought.ticketNumber().orElse("-");
  }

  private static GateStation gate(DemoRun run, String id) throws Exception {
    GateStation g =
        GateStation.install(
            run.branch(),
            id,
            run.branch().plugin().center().events().get(0),
            run.branch().center().baseUri().toString(),
            run.out());
    g.sync();
    return g;
  }

  /** What a card holds, read through the terminal's own reader as a gate would decode it. */
  record CardView(
      List<String> lines,
      List<String> tickets,
      Set<String> reissueOf,
      int ticketRecords,
      boolean signaturesValid,
      Optional<CardHolder> holder,
      List<String> passReissueOf,
      List<String> passUsers,
      boolean passesValid) {}

  static CardView view(DemoRun run, Path cardFile) throws Exception {
    Branch branch = run.branch();
    TicketingPlugin plugin = branch.plugin();
    branch.slot().insert(cardFile);
    try {
      TicketInspector inspector =
          new TicketInspector(
              plugin.tickets(),
              issuer -> {
                try {
                  return plugin.center().issuerKey(issuer);
                } catch (CenterException e) {
                  throw new IllegalStateException(e);
                }
              },
              plugin.config().zone());
      CardId id = plugin.card().readChip().cardId();
      List<CardRecord> records = plugin.tickets().read(plugin.card(), id);
      List<String> tickets = new ArrayList<>();
      Set<String> reissueOf = new TreeSet<>();
      boolean valid = true;
      for (TicketInspector.InspectedTicket t : inspector.tickets(plugin.card())) {
        tickets.add(t.ticket().ticketNumber());
        valid &= t.signatureValid();
        JsonNode payload = JSON.readTree(t.ticket().signed().payload());
        if (payload.hasNonNull("reissueOf")) {
          reissueOf.add(payload.get("reissueOf").asText());
        }
      }
      int ticketRecords = (int) records.stream().filter(r -> r.type() == RecordType.TICKET).count();
      // Each pass record, by the pass it replaces ("-" for a pass sold onto this card).
      List<String> passReissueOf = new ArrayList<>();
      // Each pass record's registered user, as the railway signed it ("-" for a typed-in holder).
      List<String> passUsers = new ArrayList<>();
      boolean passesValid = true;
      for (var signed : TicketCard.passes(records)) {
        JsonNode payload = JSON.readTree(signed.payload());
        passReissueOf.add(payload.path("reissueOf").asText("-"));
        passUsers.add(payload.path("registeredUser").asText("-"));
        passesValid &=
            id.value().equals(payload.path("cardId").asText())
                && Signatures.verify(
                    signed,
                    plugin.center().issuerKey(new IssuerId(payload.path("issuerId").asText())));
      }
      return new CardView(
          inspector.describe(plugin.card()),
          tickets,
          reissueOf,
          ticketRecords,
          valid,
          TicketCard.holder(records),
          passReissueOf,
          passUsers,
          passesValid);
    } finally {
      branch.slot().remove();
    }
  }
}
