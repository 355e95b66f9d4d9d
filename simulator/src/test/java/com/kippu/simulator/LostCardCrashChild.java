package com.kippu.simulator;

import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.store.CrashPoints;
import com.kippu.center.CenterCommits;
import com.kippu.devices.DeviceCommits;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child JVM of {@link LostCardCrashIntegrationTest}: opens the kiosk branch on its directory,
 * loads the stocker with the two blank cards and plays Hanako's lost-card session (F9) once, then
 * prints {@value #DONE}, the session's result and the commits it made per kill point, and, marked
 * {@value #AT_START}, those the branch's start made. Started with a kill point ({@link
 * CrashPoints}) it parks there instead and waits for its parent's SIGKILL.
 */
public final class LostCardCrashChild {
  static final String DONE = "LOST-CARD-DONE";
  static final String AT_START = "start:";

  private LostCardCrashChild() {}

  public static void main(String[] args) {
    DeviceCommits.listen(CrashPoints::committed);
    CenterCommits.listen(CrashPoints::committed);
    try {
      Path dir = Path.of(args[0]);
      Map<String, Long> before = CrashPoints.counts();
      Map<String, Long> atStart = new TreeMap<>();
      String result;
      try (Branch branch =
          Branch.open(
              dir,
              Clock.systemUTC(),
              Branch.TERMINAL_ID,
              Branch.PRESENT_TIMEOUT,
              TerminalProfile.Kind.KIOSK)) {
        atStart.putAll(CrashPoints.counts());
        DemoRun run = new DemoRun(branch, new PrintStream(OutputStream.nullOutputStream()));
        branch.slot().unloadStocker();
        UserScenarios.loadStocker(run, LostCardCrashIntegrationTest.BLANKS);
        // Hanako takes the new card as soon as it is presented.
        branch.slot().whenPresented(s -> s.remove());
        SessionOutcome outcome =
            UserScenarios.lostCardSession(
                run,
                UserScenarios.USER,
                UserScenarios.USER_PIN,
                LostCardCrashIntegrationTest.LOST.cardId());
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
}
