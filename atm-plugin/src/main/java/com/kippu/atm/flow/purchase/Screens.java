package com.kippu.atm.flow.purchase;

import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Screen.Choice;
import java.time.Duration;
import java.util.List;

/** Builders for the purchase screens; ids are stable because hosts and scripts key on them. */
final class Screens {
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
  static final Duration NOTICE = Duration.ZERO;
  static final Choice CANCEL = new Choice("cancel", "Cancel");
  static final Choice BACK = new Choice("back", "Change conditions");
  static final Choice OK = new Choice("ok", "OK");

  private Screens() {}

  static Screen ask(String id, String title, List<String> lines, List<Choice> choices) {
    return new Screen(id, title, lines, choices, ANSWER_TIMEOUT);
  }

  static Screen notice(String id, String title, String... lines) {
    return new Screen(id, title, List.of(lines), List.of(), NOTICE);
  }
}
