package com.kippu.simulator.web;

import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import com.kippu.simulator.EntryScreens;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The customer at the browser: the plugin's session thread shows a screen and waits until the page
 * answers it, the screen's timeout passes, or the customer leaves. Each screen shown gets the next
 * sequence number; an answer must name the screen it answers, so a second click on a screen already
 * answered, or a click while the terminal works on a step, is refused and changes nothing.
 */
final class BrowserCustomer implements CustomerTerminal {

  /** A screen on display: its number, whether it waits for an answer, and when it times out. */
  record Shown(long sequence, Screen screen, boolean awaitsAnswer, Instant shownAt) {}

  private final Runnable changed;
  private final SynchronousQueue<Answer> answers = new SynchronousQueue<>();
  private Shown current;
  private Screen lastNotice;
  private long sequence;

  /** {@code changed} runs whenever the screen on display changes. */
  BrowserCustomer(Runnable changed) {
    this.changed = changed;
  }

  @Override
  public Answer show(Screen screen) {
    display(EntryScreens.withField(screen), true);
    try {
      Answer answer = answers.poll(screen.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return answer == null ? Answer.timeout() : answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.cancel();
    } finally {
      busy();
    }
  }

  @Override
  public void inform(Screen screen) {
    display(screen, false);
  }

  private void display(Screen screen, boolean awaitsAnswer) {
    synchronized (this) {
      sequence++;
      current = new Shown(sequence, screen, awaitsAnswer, Instant.now());
      if (!awaitsAnswer) {
        lastNotice = screen;
      }
    }
    changed.run();
  }

  /** The screen stays up but no longer takes answers: the terminal works on the next step. */
  private void busy() {
    synchronized (this) {
      if (current != null && current.awaitsAnswer()) {
        current = new Shown(current.sequence(), current.screen(), false, current.shownAt());
      }
    }
    changed.run();
  }

  /** Clears the display at the end of a session. */
  void clear() {
    synchronized (this) {
      current = null;
      lastNotice = null;
    }
    changed.run();
  }

  synchronized Optional<Shown> current() {
    return Optional.ofNullable(current);
  }

  /**
   * The last notice of this session once another screen replaced it (a decline, a wrong PIN): the
   * terminal shows it for an instant only, the page keeps it in view until the session ends.
   */
  synchronized Optional<Screen> lastNotice() {
    return current == null || current.screen() == lastNotice
        ? Optional.empty()
        : Optional.ofNullable(lastNotice);
  }

  /**
   * The page's answer to screen {@code screenSequence}: a choice key, what the customer typed on a
   * screen without choices, or an empty key to cancel.
   *
   * @throws WebRefusal when no screen waits for an answer, the screen was already answered, or the
   *     screen offers no such choice
   */
  void answer(long screenSequence, String choiceKey) throws WebRefusal {
    give(
        screenSequence,
        screen -> {
          if (choiceKey.isEmpty()) {
            return Answer.cancel();
          }
          if (screen.offers(choiceKey)) {
            return Answer.chose(choiceKey);
          }
          if (screen.choices().isEmpty() && screen.input().isEmpty() && choiceKey.length() <= 64) {
            // A screen without choices asks the customer to type (a home PC's user id, password).
            return Answer.chose(choiceKey);
          }
          throw new WebRefusal(
              400, "This screen has no choice '" + choiceKey + "'; nothing was changed.");
        });
  }

  /**
   * The text typed into screen {@code screenSequence}'s input field (a name, a phone number).
   *
   * @throws WebRefusal when the screen has no field, or the text is empty or too long for it
   */
  void enter(long screenSequence, String text) throws WebRefusal {
    give(
        screenSequence,
        screen -> {
          Screen.Input field =
              screen
                  .input()
                  .orElseThrow(
                      () ->
                          new WebRefusal(400, "This screen takes no typing; nothing was changed."));
          if (text.isBlank() || text.strip().length() > field.maxLength()) {
            throw new WebRefusal(
                400, "Type 1 to " + field.maxLength() + " characters; nothing was changed.");
          }
          return Answer.entered(text.strip());
        });
  }

  /** What the page answers a screen with, once it is checked against the screen on display. */
  @FunctionalInterface
  private interface Reply {
    Answer to(Screen screen) throws WebRefusal;
  }

  private void give(long screenSequence, Reply reply) throws WebRefusal {
    Answer answer;
    synchronized (this) {
      if (current == null) {
        throw new WebRefusal(
            409, "No session is running: insert a card first; nothing was changed.");
      }
      if (!current.awaitsAnswer()) {
        throw new WebRefusal(
            409, "Please wait: the terminal is still working on the previous step.");
      }
      if (current.sequence() != screenSequence) {
        throw new WebRefusal(409, "That screen has already been answered.");
      }
      answer = reply.to(current.screen());
      current = new Shown(current.sequence(), current.screen(), false, current.shownAt());
    }
    // The session thread is polling for it; it takes the answer at once.
    try {
      if (!answers.offer(answer, 5, TimeUnit.SECONDS)) {
        throw new WebRefusal(409, "The screen timed out before the answer arrived.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebRefusal(503, "The simulator is shutting down.");
    }
    changed.run();
  }
}
