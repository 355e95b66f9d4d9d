package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CardType;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.Product;
import com.kippu.atm.center.RailSection;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Commuter passes browsed down the hierarchy of S2 ¶26: railway, line, stations, then the period at
 * the railway's published adult fare; each level leads back up one. The holder's details, fare
 * class and first day are asked next ({@link EnterPassDetails}).
 */
final class PassShelf {
  private final KioskCenter catalog;
  private final CustomerTerminal customer;

  PassShelf(KioskCenter catalog, CustomerTerminal customer) {
    this.catalog = catalog;
    this.customer = customer;
  }

  private enum Level {
    RAILWAY,
    LINE,
    STATIONS,
    PERIOD
  }

  Outcome browse(PurchaseSession session) throws CenterException {
    List<Product> passes = catalog.products(CardType.COMMUTER_PASS);
    String railway = "";
    String line = "";
    String stations = "";
    Level level = Level.RAILWAY;
    while (true) {
      String r = railway;
      String l = line;
      String st = stations;
      switch (level) {
        case RAILWAY -> {
          Answer a =
              level("select-railway", passes, PassShelf::railway, p -> Text.plain(p.issuerName()));
          if (a.kind() != Answer.Kind.CHOSEN) {
            return Outcome.cancel("customer cancelled at the railway");
          }
          railway = a.key();
          level = Level.LINE;
        }
        case LINE -> {
          Answer a =
              level(
                  "select-line",
                  filter(passes, p -> railway(p).equals(r)),
                  PassShelf::line,
                  p -> Text.plain(line(p)));
          if (a.is(Screens.BACK.key())) {
            level = Level.RAILWAY;
          } else if (a.kind() != Answer.Kind.CHOSEN) {
            return Outcome.cancel("customer cancelled at the line");
          } else {
            line = a.key();
            level = Level.STATIONS;
          }
        }
        case STATIONS -> {
          Answer a =
              level(
                  "select-stations",
                  filter(passes, p -> railway(p).equals(r) && line(p).equals(l)),
                  PassShelf::stations,
                  p ->
                      Text.of(
                          "select-stations.choice",
                          p.section().orElseThrow().fromStation(),
                          p.section().orElseThrow().toStation()));
          if (a.is(Screens.BACK.key())) {
            level = Level.LINE;
          } else if (a.kind() != Answer.Kind.CHOSEN) {
            return Outcome.cancel("customer cancelled at the stations");
          } else {
            stations = a.key();
            level = Level.PERIOD;
          }
        }
        case PERIOD -> {
          List<Product> here =
              filter(
                  passes, p -> railway(p).equals(r) && line(p).equals(l) && stations(p).equals(st));
          Answer a = customer.show(periodScreen(here));
          Optional<Product> product =
              here.stream().filter(p -> a.is(p.productId().value())).findFirst();
          if (a.is(Screens.BACK.key())) {
            level = Level.STATIONS;
          } else if (product.isEmpty()) {
            return Outcome.cancel("customer cancelled at the period");
          } else {
            session.kiosk().choose(product.get());
            return Outcome.next();
          }
        }
      }
    }
  }

  private static List<Product> filter(List<Product> products, Predicate<Product> keep) {
    return products.stream().filter(keep).toList();
  }

  private static String railway(Product p) {
    return p.issuerId().value();
  }

  private static String line(Product p) {
    return p.section().orElseThrow().line();
  }

  private static String stations(Product p) {
    RailSection s = p.section().orElseThrow();
    return s.fromStation() + "-" + s.toStation();
  }

  /** One level: a choice per distinct key among {@code products}, in catalog order. */
  private Answer level(
      String screen,
      List<Product> products,
      Function<Product, String> key,
      Function<Product, Text> label) {
    Map<String, Text> distinct = new LinkedHashMap<>();
    products.forEach(p -> distinct.putIfAbsent(key.apply(p), label.apply(p)));
    List<Choice> choices = new ArrayList<>();
    distinct.forEach((k, text) -> choices.add(new Choice(k, text)));
    if (!screen.equals("select-railway")) {
      choices.add(Screens.BACK);
    }
    choices.add(Screens.CANCEL);
    return customer.show(Screens.ask(screen, Text.of(screen + ".title"), List.of(), choices));
  }

  private static com.kippu.atm.spi.Screen periodScreen(List<Product> products) {
    List<Choice> choices = new ArrayList<>();
    for (Product p : products) {
      choices.add(
          new Choice(
              p.productId().value(),
              Text.of("select-period.choice", p.section().orElseThrow().periodDays(), p.price())));
    }
    choices.add(Screens.BACK);
    choices.add(Screens.CANCEL);
    List<Text> lines =
        products.isEmpty()
            ? List.of()
            : List.of(
                Text.of(
                    "select-period.line",
                    products.get(0).section().orElseThrow().fromStation(),
                    products.get(0).section().orElseThrow().toStation()));
    return Screens.ask("select-period", Text.of("select-period.title"), lines, choices);
  }
}
