package com.kippu.simulator.web;

import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Screen;
import com.kippu.simulator.Branch;
import com.kippu.simulator.DemoWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the page of {@code demo --web} shows: each scenario's progress, the screen its scripted
 * customer sees (rendered in the page's language) and the answer it gives, step by step at a pace a
 * person can follow, the scenario's narration (its steps, gate steps, checks and device actions, as
 * the console prints them) and the receipts its branch prints. The watcher may pause the demo: it
 * then stops at the next step, check, device action or screen until resumed or let one step on.
 */
final class DemoWatch implements DemoWatcher {
  private static final int TRANSCRIPT = 14;
  private static final int NARRATION = 200;

  private final Duration step;
  private final Runnable changed;
  private final Map<String, String> status = new LinkedHashMap<>();
  private final Map<String, String> titles = new LinkedHashMap<>();
  private final List<String> transcript = new ArrayList<>();
  private String current = "";
  private Branch branch;
  private Screen screen;
  private String chosen = "";
  private volatile Locale language = Locale.JAPANESE;
  private final List<Map<String, String>> narration = new ArrayList<>();
  private boolean paused;
  private int stepsLetOn;
  private boolean waiting;

  DemoWatch(List<String> scenarios, Duration step, Runnable changed) {
    this.step = step;
    this.changed = changed;
    scenarios.forEach(s -> status.put(s, "waiting"));
  }

  @Override
  public void started(String scenario, String title, Branch branch) {
    synchronized (this) {
      current = scenario;
      titles.put(scenario, title);
      status.put(scenario, "running");
      this.branch = branch;
      screen = null;
      transcript.clear();
    }
    changed.run();
  }

  @Override
  public CustomerTerminal watching(CustomerTerminal script) {
    return new CustomerTerminal() {
      @Override
      public Answer show(Screen shown) {
        showing(shown, "");
        pause(step);
        Answer answer = script.show(shown);
        showing(
            shown,
            answer.kind() == Answer.Kind.CHOSEN || answer.kind() == Answer.Kind.ENTERED
                ? answer.key()
                : answer.kind().name());
        pause(step.dividedBy(2));
        return answer;
      }

      @Override
      public void inform(Screen shown) {
        showing(shown, "");
        script.inform(shown);
        pause(step.dividedBy(2));
      }
    };
  }

  private void showing(Screen shown, String answer) {
    synchronized (this) {
      screen = shown;
      chosen = answer;
      if (!answer.isEmpty()) {
        transcript.add(shown.id() + " -> " + answer);
        if (transcript.size() > TRANSCRIPT) {
          transcript.remove(0);
        }
      }
    }
    changed.run();
  }

  /**
   * A line the demo prints to its console: a scenario's start, a step ({@code == }), a check, a
   * gate's step ({@code [gate GATE-A] ...}) or a device's or center's action ({@code [reader] ...})
   * is a point where a paused demo stops; other lines are shown only.
   */
  void narrated(String line) {
    String kind = kind(line);
    if (kind == null) {
      return;
    }
    add(kind, line.strip());
    if (!kind.equals("text")) {
      awaitTurn();
    }
  }

  static String kind(String line) {
    String t = line.strip();
    if (t.isEmpty()) {
      return null;
    }
    if (t.startsWith("=== ") && !t.endsWith(" ===")) {
      return "scenario";
    }
    if (t.startsWith("== ")) {
      return "step";
    }
    if (t.startsWith("[check] ok")) {
      return "check-ok";
    }
    if (t.startsWith("[check] FAILED")) {
      return "check-failed";
    }
    if (t.startsWith("[gate ")) {
      return "gate";
    }
    if (t.startsWith("[screen ")) {
      return "shown";
    }
    if (t.startsWith("[")) {
      return "device";
    }
    return "text";
  }

  private void add(String kind, String text) {
    synchronized (this) {
      narration.add(Map.of("kind", kind, "text", text));
      if (narration.size() > NARRATION) {
        narration.remove(0);
      }
    }
    changed.run();
  }

  /**
   * The watcher's controls: {@code pause}, {@code resume} or {@code step} (one on, from a pause).
   */
  void control(String action) throws WebRefusal {
    synchronized (this) {
      switch (action) {
        case "pause" -> paused = true;
        case "resume" -> paused = false;
        case "step" -> {
          if (!paused) {
            throw new WebRefusal(409, "The demo is running: pause it first, then step.");
          }
          stepsLetOn++;
        }
        default -> throw new WebRefusal(400, "The demo has no control '" + action + "'.");
      }
      notifyAll();
    }
    changed.run();
  }

  /** While paused, the demo waits here until resumed or let one step on. */
  private void awaitTurn() {
    synchronized (this) {
      if (!paused) {
        return;
      }
      waiting = true;
    }
    changed.run();
    synchronized (this) {
      try {
        while (paused && stepsLetOn == 0) {
          wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (paused && stepsLetOn > 0) {
          stepsLetOn--;
        }
        waiting = false;
      }
    }
    changed.run();
  }

  /** The pace of the demo on the page: a person reads each screen before it is answered. */
  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void finished(String scenario, List<String> failures) {
    synchronized (this) {
      status.put(
          scenario, failures.isEmpty() ? "passed" : "failed: " + String.join("; ", failures));
    }
    changed.run();
  }

  void language(String tag) throws WebRefusal {
    if (!tag.equals("ja") && !tag.equals("en")) {
      throw new WebRefusal(400, "Language '" + tag + "' is not offered: choose ja or en.");
    }
    language = Locale.forLanguageTag(tag);
    changed.run();
  }

  synchronized Branch branch() {
    return branch;
  }

  synchronized Map<String, Object> state() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("language", language.getLanguage());
    List<Map<String, String>> scenarios = new ArrayList<>();
    status.forEach(
        (name, st) ->
            scenarios.add(
                Map.of("name", name, "title", titles.getOrDefault(name, ""), "status", st)));
    s.put("scenarios", scenarios);
    s.put("current", current);
    s.put("title", titles.getOrDefault(current, ""));
    Map<String, Object> sc = new LinkedHashMap<>();
    if (screen != null) {
      Screen rendered = Messages.of(language).render(screen);
      sc.put("id", rendered.id());
      sc.put("title", rendered.title());
      sc.put("lines", rendered.lines());
      sc.put(
          "choices",
          rendered.choices().stream()
              .map(c -> Map.of("key", c.key(), "label", c.label()))
              .toList());
      sc.put("chosen", chosen);
    }
    s.put("screen", sc);
    s.put("transcript", List.copyOf(transcript));
    s.put("narration", List.copyOf(narration));
    s.put("paused", paused);
    s.put("waiting", waiting);
    s.put("receipts", branch == null ? List.of() : PageState.receipts(branch.receipts()));
    return s;
  }
}
