package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardHolder;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A registered user at the card-issuing kiosk (F12 with F7 and F9, S2 ¶36-40): her user id and PIN
 * fill the commuter pass's holder form, the new card is recorded under her at the center with her
 * user id and card id written into it, and when she loses that card the loss report finds it and
 * its pass is reissued onto a new card.
 */
final class RegisteredKioskScenarios {
  private RegisteredKioskScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new RegisteredPass());
  }

  /** Hanako signs in on the pass's holder form and pays by credit card for a new card. */
  static ScriptedCustomer passScript(DemoRun run, Branch.Customer hanako) {
    Branch branch = run.branch();
    return run.customer()
        .on("choose-card-type", "COMMUTER_PASS")
        .on("select-railway", KioskIssuers.RAILWAY)
        .on("select-line", "京浜本線")
        .on("select-stations", "品川-横浜")
        .on("select-period", KioskIssuers.PASS_1M)
        .on("enter-holder-name", "sign-in")
        .on("user-id", s -> Answer.entered(UserScenarios.USER))
        .on("user-pin", UserScenarios.typesPin(branch, UserScenarios.USER_PIN))
        .on("choose-fare-class", "ADULT")
        .on("choose-first-day", "today")
        .on("confirm-purchase", "confirm")
        .on("choose-card", "new")
        .on("choose-payment", "credit")
        .on(
            "swipe-card",
            screen -> {
              BranchCards.swipeAtNextRead(
                  branch, BranchCards.of(hanako, AuthorizationRequest.Kind.CREDIT));
              return Answer.cancel();
            });
  }

  static final class RegisteredPass implements DemoScenario {
    @Override
    public String name() {
      return "kiosk-registered-pass";
    }

    @Override
    public String title() {
      return "F12/F7/F9: a registered user signs in at the kiosk (user id, PIN on the PIN pad); a"
          + " pass in her name waits for the operator's identity check, then her registration fills"
          + " the holder's form, her face photo is printed on the card, the card is recorded under"
          + " her, and when it is lost its pass is reissued onto another card";
    }

    @Override
    public TerminalProfile.Kind kind() {
      return TerminalProfile.Kind.KIOSK;
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      run.heading("Hanako registers at the kiosk with her bank card in the reader");
      UserScenarios.register(run, hanako, UserScenarios.USER, UserScenarios.USER_PIN);

      run.heading("Before an operator checked her identity, a pass in her name is refused");
      KioskScenarios.Stock unchecked = KioskScenarios.Stock.of(branch);
      ScriptedCustomer early = passScript(run, hanako);
      SessionOutcome refused = KioskScenarios.session(run, early, new KioskScenarios.Taken());
      run.check(
          refused.result() == SessionOutcome.Result.CANCELLED
              && early.screenIds().contains("identity-check-needed")
              && !early.screenIds().contains("choose-payment"),
          "the kiosk says an identity check is needed, before any payment: " + refused.detail());
      run.check(
          KioskScenarios.Stock.of(branch).equals(unchecked), "no card left the stocker for it");

      run.heading(
          "At the counter the operator checks her driving licence and takes her face photo");
      byte[] photo = FacePhotos.take(branch, UserScenarios.USER);
      run.out()
          .println("  [camera] photos/" + UserScenarios.USER + ".png, " + photo.length + " bytes");
      CenterCalls.Answer checked =
          new CenterCalls(branch)
              .checkIdentity(UserScenarios.USER, "DRIVERS_LICENSE", Optional.of(photo));
      run.out().println("  [operator] " + checked.body());
      run.check(
          !checked.body().path("checkedBy").asText().isEmpty(),
          "the check names the operator who made it");

      run.heading("She signs in to buy a commuter pass on a new card: her registration fills it");
      KioskScenarios.Stock before = KioskScenarios.Stock.of(branch);
      KioskScenarios.Taken taken = new KioskScenarios.Taken();
      ScriptedCustomer script = passScript(run, hanako);
      SessionOutcome bought = KioskScenarios.session(run, script, taken);
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "the pass was sold: " + bought.result() + " " + bought.detail());
      String pass = bought.ticketNumber().orElse("-");
      run.check(
          script.screenIds().contains("holder-filled")
              && !script.screenIds().contains("enter-holder-phone")
              && !script.screenIds().contains("enter-holder-address"),
          "the holder's name, phone and address came from her registration, none typed");
      run.check(
          KioskScenarios.Stock.of(branch).blanks() == before.blanks() - 1,
          "one blank card left the stocker");
      Path card = taken.card().orElse(null);
      run.check(card != null, "she took the new card: " + card);
      if (card == null) {
        return;
      }
      String cardId = KioskScenarios.cardId(card);
      List<JsonNode> railway = KioskScenarios.outbox(run, KioskIssuers.RAILWAY);
      run.check(
          railway.stream()
              .anyMatch(
                  m ->
                      pass.equals(m.path("passNumber").asText())
                          && UserScenarios.NAME.equals(m.path("holder").path("name").asText())
                          && UserScenarios.PHONE.equals(m.path("holder").path("phone").asText())
                          && UserScenarios.ADDRESS.equals(
                              m.path("holder").path("address").asText())),
          "the railway's sales record carries the registered name, phone and address");
      List<JournalEntry> journal = KioskScenarios.journal(run, bought);
      String journaled = journal.toString();
      run.check(
          !journaled.contains(UserScenarios.NAME)
              && !journaled.contains(UserScenarios.PHONE)
              && !journaled.contains(UserScenarios.USER_PIN),
          "journal: neither her attributes nor her PIN are in it");
      JournalEntry last = journal.get(journal.size() - 1);
      run.check(
          UserScenarios.USER.equals(last.facts().get("kiosk.user"))
              && "true".equals(last.facts().get("kiosk.cardRecorded")),
          "journal: the sale names user "
              + UserScenarios.USER
              + " and the card recorded under her: "
              + last.facts());
      UserScenarios.CardView view = UserScenarios.view(run, card);
      run.check(
          view.holder().map(CardHolder::userId).equals(Optional.of(UserScenarios.USER))
              && view.holder().map(CardHolder::cardId).equals(Optional.of(cardId)),
          "the new card carries her user id and its card id: " + view.holder());
      run.check(
          view.passReissueOf().equals(List.of("-")), "the new card holds the pass sold onto it");
      run.check(
          view.passUsers().equals(List.of(UserScenarios.USER)),
          "the railway signed the pass as registered user "
              + UserScenarios.USER
              + "'s, sold by the center after the identity check: "
              + view.passUsers());
      Path face = card.resolveSibling(card.getFileName() + ".face.png");
      int backdrop = Files.isRegularFile(face) ? FacePhotos.backdropPixels(face) : 0;
      run.check(
          backdrop > 1000,
          "the card face "
              + face.getFileName()
              + " shows her registered face photo ("
              + backdrop
              + " pixels of its backdrop)");

      run.heading("She loses the new card: the loss report finds it under her user id");
      List<Path> blanks = UserScenarios.loadStocker(run, "KB-30001");
      branch.slot().whenPresented(s -> s.remove());
      SessionOutcome lost =
          UserScenarios.lostCardSession(run, UserScenarios.USER, UserScenarios.USER_PIN, cardId);
      run.check(
          lost.result() == SessionOutcome.Result.COMPLETED,
          "the lost-card session found card "
              + cardId
              + ": "
              + lost.result()
              + " "
              + lost.detail());
      UserScenarios.CardView reissued = UserScenarios.view(run, blanks.get(0));
      run.check(
          reissued.passReissueOf().equals(List.of(pass)) && reissued.passesValid(),
          "her pass is reissued onto the new card " + reissued.passReissueOf());
      Path reissuedFace = blanks.get(0).resolveSibling(blanks.get(0).getFileName() + ".face.png");
      int reissuedBackdrop =
          Files.isRegularFile(reissuedFace) ? FacePhotos.backdropPixels(reissuedFace) : 0;
      run.check(
          reissuedBackdrop > 1000,
          "the new card's face "
              + reissuedFace.getFileName()
              + " carries her registered face photo with the pass ("
              + reissuedBackdrop
              + " pixels of its backdrop)");

      run.heading("Recall lists her cards and her passes");
      ScriptedCustomer recall =
          run.customer()
              .on("user-id", s -> Answer.entered(UserScenarios.USER))
              .on("user-pin", UserScenarios.typesPin(branch, UserScenarios.USER_PIN))
              .on("recall", "done");
      SessionOutcome recalled = run.session(TicketingPlugin.RECALL, hanako, recall);
      String shown =
          recall.transcript().stream()
              .filter(s -> s.id().equals("recall"))
              .map(s -> s.lines().toString())
              .findFirst()
              .orElse("");
      run.check(
          recalled.result() == SessionOutcome.Result.COMPLETED
              && shown.contains(pass)
              && shown.contains(cardId)
              && shown.contains(KioskScenarios.cardId(blanks.get(0))),
          "recall shows the lost card, its pass, and the card it was reissued onto");

      run.heading("She signs in at the card-type menu and buys a concert on a new card");
      UserScenarios.loadStocker(run, "KB-30002");
      Seat seat = KioskScenarios.seat(run, new EventId(KioskIssuers.CONCERT), "A-1-1");
      KioskScenarios.Taken concertCard = new KioskScenarios.Taken();
      ScriptedCustomer concert =
          run.customer()
              .on("choose-card-type", "sign-in")
              .on("user-id", s -> Answer.entered(UserScenarios.USER))
              .on("user-pin", UserScenarios.typesPin(branch, UserScenarios.USER_PIN))
              .on("choose-card-type", "EVENT_TICKET")
              .on("select-genre", "コンサート")
              .on("select-artist", "深田聖子")
              .on("select-date-venue", KioskIssuers.CONCERT)
              .on("select-seat", seat.seatId().value())
              .on("confirm-purchase", "confirm")
              .on("choose-card", "new")
              .on("choose-payment", "credit")
              .on(
                  "swipe-card",
                  screen -> {
                    BranchCards.swipeAtNextRead(
                        branch, BranchCards.of(hanako, AuthorizationRequest.Kind.CREDIT));
                    return Answer.cancel();
                  });
      SessionOutcome ticket = KioskScenarios.session(run, concert, concertCard);
      run.check(
          ticket.result() == SessionOutcome.Result.COMPLETED
              && concert.screenIds().contains("kiosk-signed-in"),
          "signed in, she bought the concert: " + ticket.result() + " " + ticket.detail());
      Path concertFile = concertCard.card().orElse(null);
      String concertId = concertFile == null ? "-" : KioskScenarios.cardId(concertFile);
      run.check(
          concertFile != null
              && UserScenarios.view(run, concertFile)
                  .holder()
                  .map(CardHolder::userId)
                  .equals(Optional.of(UserScenarios.USER)),
          "the concert card " + concertId + " carries her user id");
      ScriptedCustomer again =
          run.customer()
              .on("user-id", s -> Answer.entered(UserScenarios.USER))
              .on("user-pin", UserScenarios.typesPin(branch, UserScenarios.USER_PIN))
              .on("recall", "done");
      run.session(TicketingPlugin.RECALL, hanako, again);
      String cards =
          again.transcript().stream()
              .filter(s -> s.id().equals("recall"))
              .map(s -> s.lines().toString())
              .findFirst()
              .orElse("");
      run.check(
          cards.contains(concertId),
          "the center has card " + concertId + " under her, for a later loss report");
    }
  }
}
