package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CardType;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.Product;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepaid cards on sale here (S2 ¶41): the issuers' products whose pre-valued cards this kiosk's
 * stocker holds, each with its value and price. A product whose hopper is empty is not offered;
 * without a stocker (a home PC) every product is, onto the pre-valued card the operator sent.
 */
final class PrepaidShelf {
  private final KioskCenter catalog;
  private final CardUnit unit;
  private final Hoppers hoppers;
  private final CustomerTerminal customer;

  PrepaidShelf(KioskCenter catalog, CardUnit unit, Hoppers hoppers, CustomerTerminal customer) {
    this.catalog = catalog;
    this.unit = unit;
    this.hoppers = hoppers;
    this.customer = customer;
  }

  Outcome browse(PurchaseSession session) throws Exception {
    List<Product> stocked = new ArrayList<>();
    for (Product p : catalog.products(CardType.PREPAID)) {
      Optional<Integer> hopper = hoppers.prepaid(p.productId().value());
      // Without a stocker every product is offered: the operator sent the card, and its
      // activation at the center checks that it is one of the product's.
      if (!unit.hasStocker() || (hopper.isPresent() && unit.cardsIn(hopper.get()) > 0)) {
        stocked.add(p);
      }
    }
    if (stocked.isEmpty()) {
      customer.inform(
          Screens.notice(
              "card-sold-out", Text.of("card-sold-out.title"), Text.of("card-sold-out.line")));
      return Outcome.cancel("no prepaid card stocked here");
    }
    List<Choice> choices = new ArrayList<>();
    for (Product p : stocked) {
      choices.add(
          new Choice(
              p.productId().value(),
              Text.of("select-prepaid.choice", p.name(), p.value(), p.price(), p.issuerName())));
    }
    choices.add(Screens.CANCEL);
    Answer answer =
        customer.show(
            Screens.ask(
                "select-prepaid",
                Text.of("select-prepaid.title"),
                List.of(Text.of("select-prepaid.line")),
                choices));
    Optional<Product> chosen =
        stocked.stream().filter(p -> answer.is(p.productId().value())).findFirst();
    if (chosen.isEmpty()) {
      return Outcome.cancel("customer cancelled at the prepaid card");
    }
    session.kiosk().choose(chosen.get());
    return Outcome.next();
  }
}
