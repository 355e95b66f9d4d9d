package com.kippu.atm.flow.users;

import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Text the customer types on an entry screen, asked again (a few times) until it is valid. */
final class Entries {
  static final int TRIES = 3;

  private Entries() {}

  /**
   * Asks on screen {@code id} (texts {@code id.title}, {@code id.line}, {@code id.field}); empty
   * when the customer cancels or gives nothing valid in {@link #TRIES} tries.
   */
  static Optional<String> ask(CustomerTerminal customer, String id, Predicate<String> valid) {
    for (int i = 0; i < TRIES; i++) {
      Answer a =
          customer.show(
              Screens.entry(
                  id,
                  Text.of(id + ".title"),
                  List.of(Text.of(id + ".line")),
                  Text.of(id + ".field")));
      Optional<String> typed = a.entry().map(String::strip);
      if (typed.isEmpty()) {
        return Optional.empty();
      }
      if (valid.test(typed.get())) {
        return typed;
      }
      customer.inform(
          Screens.notice("entry-invalid", Text.of("entry-invalid.title"), Text.of(id + ".line")));
    }
    return Optional.empty();
  }
}
