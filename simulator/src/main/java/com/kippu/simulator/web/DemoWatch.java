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
 * person can follow, and the receipts its branch prints.
 */
final class DemoWatch implements DemoWatcher {
  private static final int TRANSCRIPT = 14;

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
    s.put("receipts", branch == null ? List.of() : PageState.receipts(branch.receipts()));
    return s;
  }
}
