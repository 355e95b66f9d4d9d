package com.kippu.atm.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A customer that follows a script: for each screen id, the answers to give in order. Used by the
 * simulator's demo and by tests. A screen the script does not expect is answered with a cancel, so
 * a wrong script ends the session instead of hanging it.
 */
public final class ScriptedCustomer implements CustomerTerminal {
  private final List<Rule> rules = new ArrayList<>();
  private final List<Screen> transcript = new ArrayList<>();
  private final Consumer<String> narrator;

  private record Rule(String screenId, Deque<Function<Screen, Answer>> answers) {}

  public ScriptedCustomer(Consumer<String> narrator) {
    this.narrator = narrator;
  }

  public ScriptedCustomer() {
    this(line -> {});
  }

  /** On screen {@code screenId}, press {@code choiceKey} (once per call, in order). */
  public ScriptedCustomer on(String screenId, String choiceKey) {
    return on(screenId, screen -> Answer.chose(choiceKey));
  }

  /** On screen {@code screenId}, answer what {@code chooser} picks from the screen shown. */
  public ScriptedCustomer on(String screenId, Function<Screen, Answer> chooser) {
    rules.stream()
        .filter(r -> r.screenId.equals(screenId))
        .findFirst()
        .orElseGet(
            () -> {
              Rule r = new Rule(screenId, new ArrayDeque<>());
              rules.add(r);
              return r;
            })
        .answers
        .add(chooser);
    return this;
  }

  @Override
  public synchronized Answer show(Screen screen) {
    transcript.add(screen);
    narrator.accept("[screen " + screen.id() + "] " + screen.title());
    screen.lines().forEach(l -> narrator.accept("    " + l));
    Answer answer =
        rules.stream()
            .filter(r -> r.screenId.equals(screen.id()) && !r.answers.isEmpty())
            .findFirst()
            .map(r -> r.answers.poll().apply(screen))
            .orElse(Answer.cancel());
    // What the customer types on a screen without choices (a user id, a password, a card number)
    // is never narrated.
    narrator.accept(
        "    -> "
            + switch (answer.kind()) {
              case CHOSEN -> screen.choices().isEmpty() ? "(typed)" : answer.key();
              case ENTERED -> "(typed)";
              default -> answer.kind().toString();
            });
    return answer;
  }

  /**
   * Shows a notice; a rule for its id runs too (its answer is ignored), so a script can act while a
   * notice is up, e.g. pull the plug.
   */
  @Override
  public synchronized void inform(Screen screen) {
    transcript.add(screen);
    narrator.accept("[screen " + screen.id() + "] " + screen.title());
    screen.lines().forEach(l -> narrator.accept("    " + l));
    rules.stream()
        .filter(r -> r.screenId.equals(screen.id()) && !r.answers.isEmpty())
        .findFirst()
        .ifPresent(r -> r.answers.poll().apply(screen));
  }

  /** Ids of every screen shown so far, in order. */
  public synchronized List<String> screenIds() {
    return transcript.stream().map(Screen::id).toList();
  }

  public synchronized List<Screen> transcript() {
    return List.copyOf(transcript);
  }
}
