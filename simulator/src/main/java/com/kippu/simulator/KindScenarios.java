package com.kippu.simulator;

import com.kippu.atm.bank.BankRoute;
import com.kippu.atm.bank.BankRouter;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      run.check(branch.plugin().config().terminal().kind() == kind, "terminal kind " + kind.name());
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      ScriptedCustomer script =
          run.customer()
              .on("select-event", concert.eventId().value())
              .on("select-seat", seat.seatId().value())
              .on("choose-payment", method)
              .on(
                  "swipe-card",
                  screen -> {
                    BranchCards.swipeAtNextRead(
                        branch,
                        BranchCards.of(
                            hanako,
                            com.kippu.atm.payment.AuthorizationRequest.Kind.valueOf(
                                method.toUpperCase(java.util.Locale.ROOT))));
                    return Answer.cancel();
                  });
      SessionOutcome bought = run.session(hanako, script);
      Optional<Screen> choice =
          script.transcript().stream().filter(s -> s.id().equals("choose-payment")).findFirst();
      List<String> keys =
          choice.map(s -> s.choices().stream().map(Screen.Choice::key).toList()).orElse(List.of());
      run.out().println("  [menu] payment choices " + keys);
      run.check(keys.containsAll(offered()), "offers " + offered());
      run.check(notOffered().stream().noneMatch(keys::contains), "does not offer " + notOffered());
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
      afterwards(run);
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
      Path alternateState = run.branch().dir().resolve("alternate-link.db");
      run.check(
          Files.exists(alternateState) && Files.size(alternateState) > 0,
          "the alternate link kept its own state: " + alternateState.getFileName());
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
      return "home PC: no cash, no card reader; pays with the e-money on the IC card";
    }

    @Override
    Set<String> offered() {
      return Set.of("emoney", "transfer");
    }

    @Override
    Set<String> notOffered() {
      return Set.of("cash", "credit", "debit", "prepaid");
    }
  }
}
