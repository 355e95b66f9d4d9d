package com.kippu.simulator;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.store.CrashPoints;
import com.kippu.center.CenterCommits;
import com.kippu.devices.DeviceCommits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child JVM of {@link KioskPurchaseCrashIntegrationTest}: opens the kiosk branch on its
 * directory, loads the stocker with the blank cards and plays one kiosk purchase (F7) by credit
 * card, then prints {@value #DONE}, the session's result and the commits it made per kill point,
 * and, marked {@value #AT_START}, those the branch's start made. The customer takes the card as
 * soon as it is presented; each card taken is written to {@value #HANDED_OUT}, as the customer's
 * hand would count it. Started with a kill point ({@link CrashPoints}) it parks there instead and
 * waits for its parent's SIGKILL.
 */
public final class KioskPurchaseCrashChild {
  static final String DONE = "KIOSK-PURCHASE-DONE";
  static final String AT_START = "start:";

  /** The cards the customer took from the kiosk, one path a line, in the branch's directory. */
  static final String HANDED_OUT = "handed-out.txt";

  /** Hanako, signed in at the card-type menu, buys this concert seat onto a new card. */
  static final String CONCERT = "concert-signed-in";

  /** A guest buys a commuter pass, the holder's name, phone and address keyed in. */
  static final String PASS = "pass-keyed-in";

  static final String SEAT = "A-1-1";
  static final String HOLDER_NAME = "佐藤 花子";
  static final String HOLDER_PHONE = "045-123-4567";
  static final String HOLDER_ADDRESS = "神奈川県横浜市西区みなとみらい1-1-1";

  private KioskPurchaseCrashChild() {}

  public static void main(String[] args) {
    DeviceCommits.listen(CrashPoints::committed);
    CenterCommits.listen(CrashPoints::committed);
    try {
      String scenario = args[0];
      Path dir = Path.of(args[1]);
      Map<String, Long> before = CrashPoints.counts();
      Map<String, Long> atStart = new TreeMap<>();
      String result;
      try (Branch branch = kiosk(dir)) {
        atStart.putAll(CrashPoints.counts());
        DemoRun run = new DemoRun(branch, new PrintStream(OutputStream.nullOutputStream()));
        UserScenarios.loadStocker(run, KioskPurchaseCrashIntegrationTest.BLANKS);
        branch
            .slot()
            .whenPresented(
                s -> s.remove().ifPresent(card -> handedOut(dir.resolve(HANDED_OUT), card)));
        SessionOutcome outcome =
            branch.plugin().run(TicketingPlugin.KIOSK_PURCHASE, script(run, scenario));
        result = outcome.result().name();
      }
      Map<String, Long> made = new TreeMap<>(CrashPoints.counts());
      made.replaceAll((point, n) -> n - before.getOrDefault(point, 0L));
      atStart.replaceAll((point, n) -> n - before.getOrDefault(point, 0L));
      StringBuilder line = new StringBuilder(DONE + " " + result);
      made.forEach((point, n) -> line.append(' ').append(point).append('=').append(n));
      atStart.forEach(
          (point, n) -> line.append(' ').append(AT_START).append(point).append('=').append(n));
      System.out.println(line);
      System.out.flush();
      System.exit(0);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  static Branch kiosk(Path dir) throws Exception {
    return Branch.open(
        dir,
        Clock.systemUTC(),
        Branch.TERMINAL_ID,
        Branch.PRESENT_TIMEOUT,
        TerminalProfile.Kind.KIOSK);
  }

  /** What the customer of {@code scenario} does at the kiosk, paying by Hanako's credit card. */
  static ScriptedCustomer script(DemoRun run, String scenario) {
    Branch branch = run.branch();
    ScriptedCustomer script = run.customer();
    if (scenario.equals(CONCERT)) {
      script
          .on("choose-card-type", "sign-in")
          .on("user-id", s -> Answer.entered(UserScenarios.USER))
          .on("user-pin", UserScenarios.typesPin(branch, UserScenarios.USER_PIN))
          .on("choose-card-type", "EVENT_TICKET")
          .on("select-genre", "コンサート")
          .on("select-artist", "深田聖子")
          .on("select-date-venue", KioskIssuers.CONCERT)
          .on("select-seat", SEAT);
    } else if (scenario.equals(PASS)) {
      script
          .on("choose-card-type", "COMMUTER_PASS")
          .on("select-railway", KioskIssuers.RAILWAY)
          .on("select-line", "京浜本線")
          .on("select-stations", "品川-横浜")
          .on("select-period", KioskIssuers.PASS_1M)
          .on("enter-holder-name", s -> Answer.entered(HOLDER_NAME))
          .on("enter-holder-phone", s -> Answer.entered(HOLDER_PHONE))
          .on("enter-holder-address", s -> Answer.entered(HOLDER_ADDRESS))
          .on("choose-fare-class", "ADULT")
          .on("choose-first-day", "today");
    } else {
      throw new IllegalArgumentException("no kiosk purchase scenario named " + scenario);
    }
    return script
        .on("confirm-purchase", "confirm")
        .on("choose-card", "new")
        .on("choose-payment", "credit")
        .on(
            "swipe-card",
            screen -> {
              BranchCards.swipeAtNextRead(branch, credit());
              return Answer.cancel();
            });
  }

  /** Hanako's credit card, which pays in both scenarios. */
  static BranchCards.PaymentCard credit() {
    return BranchCards.of(Branch.CUSTOMERS.get(0), AuthorizationRequest.Kind.CREDIT);
  }

  private static void handedOut(Path file, Path card) {
    try {
      Files.writeString(
          file,
          card.toAbsolutePath() + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot note the card handed out", e);
    }
  }
}
