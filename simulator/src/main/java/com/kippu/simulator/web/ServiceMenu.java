package com.kippu.simulator.web;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.MenuEntry;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ATM application's own screen after a card goes in: the ticket module's menu entries as
 * buttons, as a bank's ATM shows its services, so every flow the terminal offers is reachable from
 * the page (the kiosk's card purchase keeps its own button: it starts without a card). The console
 * branch shows the same menu, numbered.
 */
public final class ServiceMenu {
  public static final String SCREEN = "service-menu";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String CANCEL = "cancel";

  private ServiceMenu() {}

  /** The entries a customer with a card in the slot may choose from. */
  public static List<MenuEntry> entries(TicketingPlugin plugin) {
    return plugin.menu().stream()
        .filter(e -> !e.id().equals(TicketingPlugin.KIOSK_PURCHASE))
        .toList();
  }

  /**
   * The menu as a screen in the plugin's model, labelled from its bundles in the page's language.
   */
  public static Screen screen(List<MenuEntry> entries) {
    List<Screen.Choice> choices = new ArrayList<>();
    for (MenuEntry e : entries) {
      choices.add(
          new Screen.Choice(e.id(), Text.of("menu." + e.id().replaceFirst("^[^.]*\\.", ""))));
    }
    choices.add(new Screen.Choice(CANCEL, Text.of("choice.cancel")));
    return new Screen(SCREEN, Text.of("menu.choose"), List.of(), choices, TIMEOUT);
  }

  /** The entry the customer chose; empty when they cancelled or the screen timed out. */
  public static Optional<String> chosen(Answer answer, List<MenuEntry> entries) {
    if (answer.kind() != Answer.Kind.CHOSEN) {
      return Optional.empty();
    }
    return entries.stream().map(MenuEntry::id).filter(answer::is).findFirst();
  }
}
