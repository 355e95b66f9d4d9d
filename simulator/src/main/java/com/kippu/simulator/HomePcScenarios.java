package com.kippu.simulator;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * F13 (S1 ¶118, S2 ¶46-52): the plugin on a home PC with an IC card reader/writer, reaching the
 * center over mutual TLS; a registered user logs in with user id and password and pays with the
 * card stored at registration, authorised by the center at the card network.
 */
final class HomePcScenarios {
  static final String USER = Branch.HOME_USER;
  static final String PASSWORD = Branch.HOME_PASSWORD;

  private HomePcScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new Registered(), new HomePcBankingScenario());
  }

  /** Hanako's registration at a branch ({@link HomeUser#register}), narrated. */
  static void registerAtBranch(DemoRun run) throws Exception {
    run.heading("registration at a branch: user id, PIN, home password, the card to pay with");
    HomeUser.register(run.branch())
        .ifPresentOrElse(
            masked -> run.out().println("  [setup] " + USER + " stores card " + masked),
            () -> run.out().println("  [setup] " + USER + " is registered (the branch's own)"));
  }

  /** The user logs in at the start of a home PC session. */
  static ScriptedCustomer loggedIn(ScriptedCustomer script) {
    return script
        .on("home-user-id", s -> Answer.chose(USER))
        .on("home-password", s -> Answer.chose(PASSWORD));
  }

  /** Hanako buys a seat onto her own card at home, paying with her registered credit card. */
  static final class Registered implements DemoScenario {
    @Override
    public String name() {
      return "home-pc-registered";
    }

    @Override
    public String title() {
      return "home PC over HTTPS: a registered user logs in (a wrong password first) and buys onto"
          + " her own card with the stored card number, authorised through the center";
    }

    @Override
    public TerminalProfile.Kind kind() {
      return TerminalProfile.Kind.HOME_PC;
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      BranchCards.PaymentCard credit = BranchCards.of(hanako, AuthorizationRequest.Kind.CREDIT);

      CenterCalls center = new CenterCalls(branch);
      String pin = Branch.demoPin(hanako);
      registerAtBranch(run);

      run.heading("the link to the center is TLS with the branch's certificates");
      run.check(
          branch.center().baseUri().getScheme().equals("https")
              && branch.plugin().config().centerTls().isPresent(),
          "the plugin's center URL is https with a trust store: " + branch.center().baseUri());
      SSLSocket tls =
          (SSLSocket)
              branch
                  .plugin()
                  .config()
                  .centerTls()
                  .orElseThrow()
                  .sslContext()
                  .getSocketFactory()
                  .createSocket("127.0.0.1", branch.center().baseUri().getPort());
      try (tls) {
        tls.startHandshake();
        String protocol = tls.getSession().getProtocol();
        String server = tls.getSession().getPeerPrincipal().getName();
        run.out().println("  [tls] " + protocol + ", " + tls.getSession().getCipherSuite());
        run.out().println("  [tls] center certificate " + server);
        run.check(protocol.startsWith("TLSv1."), "handshake negotiated " + protocol);
        run.check(server.contains("127.0.0.1"), "the center's certificate names 127.0.0.1");
      }
      run.check(plainHttpRefused(branch), "plain HTTP to the center's port gets no answer");

      long available = branch.network().available(credit.number());
      long bank = run.balance(hanako.account());
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());

      run.heading(
          "at home: log in (a wrong password first), choose a seat, pay with the stored card");
      ScriptedCustomer script =
          loggedIn(
                  run.customer()
                      .on("home-user-id", s -> Answer.chose(USER))
                      .on("home-password", s -> Answer.chose("not-my-password")))
              .on("select-event", concert.eventId().value())
              .on("select-seat", seat.seatId().value())
              .on("choose-payment", "stored-card")
              .on("confirm-stored-card", "confirm");
      SessionOutcome bought = run.session(TicketingPlugin.RESERVE_PAY_ISSUE, hanako, script, pin);
      List<String> payChoices =
          script.transcript().stream()
              .filter(s -> s.id().equals("choose-payment"))
              .findFirst()
              .map(s -> s.choices().stream().map(c -> c.key()).toList())
              .orElse(List.of());
      run.out().println("  [menu] payment choices " + payChoices);
      run.check(
          payChoices.containsAll(List.of("stored-card", "keyed-card"))
              && !payChoices.contains("cash"),
          "a home PC offers the registered card and a card keyed in, no cash");
      run.check(
          script.screenIds().indexOf("home-login-refused") >= 0
              && script.screenIds().indexOf("home-login-refused")
                  < script.screenIds().indexOf("select-event"),
          "the wrong password was refused before anything was offered, the right one let her in");
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.check(run.status(concert.eventId(), seat) == Seat.Status.SOLD, "seat sold");
      run.check(
          script.screenIds().contains("card-linked")
              && UserScenarios.view(run, branch.cardFile(hanako))
                  .holder()
                  .map(h -> h.userId().equals(USER) && h.cardId().equals(hanako.cardId()))
                  .orElse(false),
          "her card in the PC's reader was recorded under "
              + USER
              + " on its own proof, and carries her user id");
      long charged = available - branch.network().available(credit.number());
      run.check(
          charged == seat.price().yen(),
          "the stored credit card was charged " + charged + " yen at the card network");
      run.check(run.balance(hanako.account()) == bank, "Hanako's bank account untouched");
      List<JournalEntry> journal =
          branch.plugin().journal().entries(new SessionId(bought.sessionId()));
      String reference = journal.get(journal.size() - 1).facts().getOrDefault("payment", "");
      CenterCalls.Answer record = center.getAsTerminal("/v1/home/payments/" + reference);
      run.out().println("  [center] home payment " + record.body());
      run.check(
          record.status() == 200 && record.body().path("status").asText().equals("APPROVED"),
          "the center recorded the authorisation it obtained under the session's reference");
      run.check(
          journal.get(journal.size() - 1).facts().getOrDefault("method", "").equals("stored-card"),
          "journal: paid by stored-card, ended " + journal.get(journal.size() - 1).state());
      List<com.fasterxml.jackson.databind.JsonNode> sales =
          HomePcChecks.promoterSales(run, hanako.cardId(), "CREDIT_CARD");
      run.check(
          sales.size() == 1
              && sales.get(0).path("amountYen").asLong() == seat.price().yen()
              && "OPERATOR".equals(sales.get(0).path("receivedBy").asText()),
          "the issuer's outbox holds the sale: CREDIT_CARD acquired by the center, the money with"
              + " the operator (S2 ¶50)");

      run.heading("a second seat, paid with a card number keyed in (S2 ¶51)");
      Seat second = run.firstFreeSeat(concert.eventId());
      long before = branch.network().available(credit.number());
      ScriptedCustomer keyed =
          loggedIn(run.customer())
              .on("select-event", concert.eventId().value())
              .on("select-seat", second.seatId().value())
              .on("choose-payment", "keyed-card")
              .on("key-card-number", s -> Answer.chose(credit.number().value()))
              .on("key-card-expiry", s -> Answer.chose("3012"));
      SessionOutcome keyedIn = run.session(TicketingPlugin.RESERVE_PAY_ISSUE, hanako, keyed, pin);
      run.check(
          keyedIn.result() == SessionOutcome.Result.COMPLETED,
          "keyed-in card: session completed " + keyedIn.detail());
      run.check(
          before - branch.network().available(credit.number()) == second.price().yen(),
          "the keyed-in card was charged " + second.price().yen() + " yen");

      run.heading("no login, no service: a home PC serves registered users only");
      ScriptedCustomer stranger =
          run.customer()
              .on("home-user-id", s -> Answer.chose("nobody"))
              .on("home-password", s -> Answer.chose("guess-one"))
              .on("home-user-id", s -> Answer.chose("nobody"))
              .on("home-password", s -> Answer.chose("guess-two"))
              .on("home-user-id", s -> Answer.chose("nobody"))
              .on("home-password", s -> Answer.chose("guess-three"));
      SessionOutcome refused =
          run.session(TicketingPlugin.RESERVE_PAY_ISSUE, hanako, stranger, pin);
      run.check(
          refused.result() == SessionOutcome.Result.CANCELLED
              && !stranger.screenIds().contains("select-event"),
          "three wrong logins end the session before anything is shown");
      run.writeCardView(hanako);
    }

    /** A plain HTTP request to the HTTPS port: the center answers no HTTP at all. */
    private static boolean plainHttpRefused(Branch branch) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", branch.center().baseUri().getPort()), 5_000);
        s.setSoTimeout(5_000);
        s.getOutputStream().write("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes());
        byte[] answer = s.getInputStream().readNBytes(12);
        return !new String(answer).startsWith("HTTP/1.1 2");
      } catch (java.io.IOException e) {
        return true;
      }
    }
  }
}
