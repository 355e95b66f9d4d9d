package com.kippu.simulator;

import com.kippu.atm.center.Holder;
import com.kippu.atm.spi.Screen;
import java.util.List;
import java.util.Optional;

/**
 * The plugin's entry screens (registration, user id, home PC password) mark their text field with a
 * choice keyed {@link Screen#ENTRY} rather than an {@link Screen.Input}: the console and the page
 * show that choice as the field it stands for, so what is typed is answered as entered text.
 */
public final class EntryScreens {
  /** The longest text an entry screen takes: an address ({@link Holder#MAX_ADDRESS}). */
  static final int MAX_LENGTH = Holder.MAX_ADDRESS;

  private EntryScreens() {}

  /**
   * {@code screen} with its entry choice as an input field labelled as the choice was; any other
   * screen as it is.
   */
  public static Screen withField(Screen screen) {
    if (screen.input().isPresent() || !screen.takesEntry()) {
      return screen;
    }
    Screen.Choice entry =
        screen.choices().stream().filter(c -> c.key().equals(Screen.ENTRY)).findFirst().get();
    List<Screen.Choice> others =
        screen.choices().stream().filter(c -> !c.key().equals(Screen.ENTRY)).toList();
    Screen.Input field =
        new Screen.Input(entry.text(), MAX_LENGTH, Screen.Input.Kind.TEXT, entry.label());
    return new Screen(
        screen.id(),
        screen.heading(),
        screen.body(),
        others,
        screen.timeout(),
        screen.title(),
        screen.lines(),
        Optional.of(field));
  }
}
