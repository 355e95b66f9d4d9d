package com.kippu.simulator;

import com.kippu.atm.bank.BankRoute;
import com.kippu.atm.bank.BankRouter;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The terminal kinds of S1 ¶114-118 and S2 ¶16: each opens a branch whose terminal is of that kind,
 * checks that the payment menu offers what the kind and its devices allow, and buys a seat.
 */
final class KindScenarios {
  private KindScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new InCompanyCd(), new Kiosk(), new HomePc());
  }

  /** A purchase on a branch of {@code kind}, paying with {@code method}. */
  private abstract static class KindPurchase implements DemoScenario {
    private final TerminalProfile.Kind kind;
    private final String method;

    KindPurchase(TerminalProfile.Kind kind, String method) {
      this.kind = kind;
      this.method = method;
    }

    @Override
    public TerminalProfile.Kind kind() {
      return kind;
    }

    /** The payment choices this kind must offer and must not offer. */
    abstract Set<String> offered();

    abstract Set<String> notOffered();

    /** Checks after the purchase, e.g. the route the money took. */
    void afterwards(DemoRun run) throws Exception {}

    /** What must be set up before the first session (a home PC's registered user). */
    void setUp(DemoRun run) throws Exception {}

    /** What the customer does before the menu's flow (a home PC's login). */
    ScriptedCustomer begin(ScriptedCustomer script) {
      return script;
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      run.check(branch.plugin().config().terminal().kind() == kind, "terminal kind " + kind.name());
      setUp(run);
      SessionOutcome bought = buy(run, method, true);
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.writeCardView(hanako);
      afterwards(run);
    }

    /**
     * Hanako buys the first free seat paying with {@code payBy}; checks the menu when asked, and
     * that the money moved exactly once from her side to where the method sends it.
     */
    SessionOutcome buy(DemoRun run, String payBy, boolean checkMenu) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      Money money = Money.of(run, payBy);
      ScriptedCustomer script =
          begin(run.customer())
              .on("select-event", concert.eventId().value())
              .on("select-seat", seat.seatId().value())
              .on("choose-payment", payBy)
              .on(
                  "swipe-card",
                  screen -> {
                    BranchCards.swipeAtNextRead(
                        branch,
                        BranchCards.of(
                            hanako,
                            AuthorizationRequest.Kind.valueOf(
                                payBy.toUpperCase(java.util.Locale.ROOT))));
                    return Answer.cancel();
                  });
      SessionOutcome bought = run.session(hanako, script);
      if (checkMenu) {
        Optional<Screen> choice =
            script.transcript().stream().filter(s -> s.id().equals("choose-payment")).findFirst();
        List<String> keys =
            choice
                .map(s -> s.choices().stream().map(Screen.Choice::key).toList())
                .orElse(List.of());
        run.out().println("  [menu] payment choices " + keys);
        run.check(keys.containsAll(offered()), "offers " + offered());
        run.check(
            notOffered().stream().noneMatch(keys::contains), "does not offer " + notOffered());
      }
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
      money.check(run, seat.price().yen());
      List<JournalEntry> journal =
          branch.plugin().journal().entries(new SessionId(bought.sessionId()));
      run.check(
          !journal.isEmpty() && journal.get(journal.size() - 1).state().equals("COMPLETED"),
          "journal: session " + bought.sessionId() + " ended COMPLETED");
      return bought;
    }
  }

  /** Where a method takes the customer's money from and where it goes, weighed before and after. */
  private record Money(String method, long payer, long issuer) {
    static Money of(DemoRun run, String method) throws Exception {
      return new Money(method, payer(run, method), run.balance(Branch.ISSUER_ACCOUNT));
    }

    private static long payer(DemoRun run, String method) throws Exception {
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      return switch (method) {
        case "emoney" -> run.purseYen(hanako);
        case "credit", "prepaid" ->
            run.branch()
                .network()
                .available(
                    BranchCards.of(
                            hanako,
                            AuthorizationRequest.Kind.valueOf(
                                method.toUpperCase(java.util.Locale.ROOT)))
                        .number());
        default -> run.balance(hanako.account());
      };
    }

    void check(DemoRun run, long price) throws Exception {
      long paid = payer - payer(run, method);
      run.check(
          paid == price, method + ": the customer paid exactly " + price + " yen (" + paid + ")");
      // The card network pays the operator through settlement; every other method the issuer's
      // account (e-money through the center's value record, not the bank).
      long expected =
          method.equals("credit") || method.equals("prepaid") || method.equals("emoney")
              ? 0
              : price;
      long credited = run.balance(Branch.ISSUER_ACCOUNT) - issuer;
      run.check(
          credited == expected,
          "issuer's bank account credited " + credited + " yen, expected " + expected);
    }
  }

  /**
   * An in-company CD (S1 ¶115-117): no cash at all; its CD network reaches only its own bank, so a
   * transfer to the issuer at another bank goes over the alternate route.
   */
  static final class InCompanyCd extends KindPurchase {
    InCompanyCd() {
      super(TerminalProfile.Kind.IN_COMPANY_CD, "transfer");
    }

    @Override
    public String name() {
      return "in-company-cd";
    }

    @Override
    public String title() {
      return "in-company CD: no cash; the transfer to an issuer at another bank takes the"
          + " alternate route";
    }

    @Override
    Set<String> offered() {
      return Set.of("transfer", "debit", "emoney");
    }

    @Override
    Set<String> notOffered() {
      return Set.of("cash");
    }

    @Override
    void afterwards(DemoRun run) throws Exception {
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      BankRouter router = (BankRouter) run.branch().plugin().bank();
      String toIssuer =
          router.routeFor(hanako.account(), Branch.ISSUER_ACCOUNT).map(BankRoute::name).orElse("-");
      String intraBank =
          router
              .routeFor(hanako.account(), Branch.CUSTOMERS.get(1).account())
              .map(BankRoute::name)
              .orElse("-");
      run.out()
          .println("  [routes] to the issuer's bank: " + toIssuer + ", intra-bank: " + intraBank);
      run.check("alternate".equals(toIssuer), "transfer to another bank routed over 'alternate'");
      run.check("bank-host".equals(intraBank), "intra-bank transfers stay on the CD network");
      run.check(
          router.carried("alternate") == 1 && router.carried("bank-host") == 0,
          "the transfer went over 'alternate' (carried: alternate "
              + router.carried("alternate")
              + ", bank-host "
              + router.carried("bank-host")
              + ")");
      // A debit card paying the issuer at another bank leaves the CD network too.
      SessionOutcome debit = buy(run, "debit", false);
      run.check(
          debit.result() == SessionOutcome.Result.COMPLETED,
          "debit session completed: " + debit.result() + " " + debit.detail());
      run.check(
          router.carried("alternate") == 2 && router.carried("bank-host") == 0,
          "the debit paying the issuer went over 'alternate' too (carried: alternate "
              + router.carried("alternate")
              + ")");
    }
  }

  /** A kiosk (S2): cards and e-money (and cash where it has cash-in), no account transfer. */
  static final class Kiosk extends KindPurchase {
    Kiosk() {
      super(TerminalProfile.Kind.KIOSK, "credit");
    }

    @Override
    public String name() {
      return "kiosk";
    }

    @Override
    public String title() {
      return "kiosk: cash, card and e-money payments, no account transfer; pays by credit card";
    }

    @Override
    Set<String> offered() {
      return Set.of("credit", "prepaid", "emoney", "cash");
    }

    @Override
    Set<String> notOffered() {
      return Set.of("transfer");
    }
  }

  /** A home PC (S1 ¶118, S2 ¶46): no cash of any kind and no card reader; e-money on the card. */
  static final class HomePc extends KindPurchase {
    HomePc() {
      super(TerminalProfile.Kind.HOME_PC, "emoney");
    }

    @Override
    public String name() {
      return "home-pc";
    }

    @Override
    public String title() {
      return "home PC: a registered user logs in; no cash, no card reader; pays with the e-money"
          + " on the IC card";
    }

    @Override
    Set<String> offered() {
      return Set.of(
          "emoney", "stored-card", "keyed-card", "online-banking", "online-banking-keyed");
    }

    /** A home PC serves registered users only (S2 ¶46): Hanako registers at a branch first. */
    @Override
    void setUp(DemoRun run) throws Exception {
      HomePcScenarios.registerAtBranch(run);
    }

    @Override
    ScriptedCustomer begin(ScriptedCustomer script) {
      return HomePcScenarios.loggedIn(script);
    }

    @Override
    Set<String> notOffered() {
      // Online banking goes through the center: the PC never speaks to the bank (S2 ¶51).
      return Set.of("cash", "credit", "debit", "prepaid", "transfer", "transfer-card");
    }
  }
}
