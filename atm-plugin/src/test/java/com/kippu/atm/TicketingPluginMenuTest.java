package com.kippu.atm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.spi.MenuEntry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The entry the plugin puts on the host ATM's main menu is the customer's first sight of it: it is
 * labelled from the screens bundles in {@code terminal.language}, like every screen.
 */
class TicketingPluginMenuTest {
  private static final TestCardAccess.Credentials ACCESS = TestCardAccess.credentials("ATM00001");

  private static final BankHost NO_BANK =
      new BankHost() {
        @Override
        public TransferResult transfer(TransferRequest request) {
          throw new AssertionError("no money moves while building a menu");
        }

        @Override
        public boolean echo() {
          return true;
        }

        @Override
        public void close() {}
      };

  private static TicketingPlugin plugin(String language, boolean icCardWriter) {
    return plugin(language, icCardWriter, "BANK_ATM", false);
  }

  private static TicketingPlugin plugin(
      String language, boolean icCardWriter, String kind, boolean issuing) {
    Properties p = new Properties();
    p.setProperty("terminal.id", "ATM00001");
    p.setProperty("terminal.kind", kind);
    if (language != null) {
      p.setProperty("terminal.language", language);
    }
    p.setProperty("terminal.icCardWriter", Boolean.toString(icCardWriter));
    p.setProperty("bank.port", "4000");
    p.setProperty("center.url", "http://127.0.0.1:8080/");
    if (kind.equals("HOME_PC")) {
      // A home PC reaches the center only over HTTPS (S2 ¶52).
      try {
        p.setProperty("center.url", "https://127.0.0.1:8443/");
        p.setProperty("center.tls.trustStore", TestTrustStore.get().toString());
        p.setProperty("center.tls.trustStorePassword", TestTrustStore.PASSWORD);
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    p.setProperty("center.rootKey", TestCardAccess.Credentials.rootKeyBase64());
    p.setProperty("bank.terminalMasterKey", "00112233445566778899AABBCCDDEEFF");
    p.setProperty("devices.jposXml", "jpos.xml");
    p.setProperty("card.accessKey", ACCESS.keyHex());
    p.setProperty("card.accessCertificate", ACCESS.certificateBase64());
    // Only the menu is asked for: the center, card, printer and journal are never reached.
    return new TicketingPlugin(
        PluginConfig.from(p),
        NO_BANK,
        PaymentDevices.none(),
        null,
        null,
        null,
        java.util.Optional.empty(),
        issuing
            ? java.util.Optional.of(new TicketingPlugin.CardIssuing(null, null))
            : java.util.Optional.empty(),
        null,
        Clock.systemUTC(),
        new SecureRandom(),
        List.of(),
        java.util.Optional.empty());
  }

  @ParameterizedTest(name = "terminal.language={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ja | チケットを購入（ICカードに保存）",
        "en | Buy a ticket onto your IC card",
      })
  void menuLabelIsInTheTerminalsLanguage(String language, String label) {
    assertEquals(
        new MenuEntry(TicketingPlugin.RESERVE_PAY_ISSUE, label),
        plugin(language, true).menu().get(0));
  }

  @Test
  void reservationEntriesAreOfferedBesideTheDirectPurchase() {
    assertEquals(
        List.of(
            new MenuEntry(TicketingPlugin.RESERVE_PAY_ISSUE, "Buy a ticket onto your IC card"),
            new MenuEntry(TicketingPlugin.RESERVE_TO_CARD, "Reserve now, pay later (IC card)"),
            new MenuEntry(TicketingPlugin.PAY_RESERVATION, "Pay a reservation on your IC card"),
            new MenuEntry(
                TicketingPlugin.DIRECT_PURCHASE,
                "Buy a ticket without reserving (printed or IC card)"),
            new MenuEntry(TicketingPlugin.ADD_FUNCTION, "Add a function to your IC card")),
        plugin("en", true).menu());
  }

  /** Recharged value is written into the card's purse: a terminal without a purse offers none. */
  @Test
  void rechargeNeedsAnEMoneyReaderWriter() {
    assertTrue(
        plugin("en", true).menu().stream().noneMatch(e -> e.id().equals(TicketingPlugin.RECHARGE)));
  }

  @Test
  void japaneseIsTheDefault() {
    assertEquals(plugin("ja", true).menu(), plugin(null, true).menu());
  }

  @Test
  void noMenuEntryWithoutAnIcCardWriter() {
    assertTrue(plugin("en", false).menu().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"KIOSK, true", "HOME_PC, true", "BANK_ATM, false", "IN_COMPANY_CD, false"})
  void cardsAreSoldWhereTheKindIssuesThem(String kind, boolean sells) {
    List<MenuEntry> menu = plugin("ja", true, kind, true).menu();

    assertEquals(
        sells,
        menu.contains(
            new MenuEntry(TicketingPlugin.KIOSK_PURCHASE, "カードを購入（イベントチケット・定期券・プリペイドカード）")),
        menu.toString());
  }

  @Test
  void noCardSalesWithoutACardUnit() {
    assertTrue(
        plugin("en", true, "KIOSK", false).menu().stream()
            .noneMatch(e -> e.id().equals(TicketingPlugin.KIOSK_PURCHASE)));
  }

  /**
   * A home PC (F13) runs what its IC card reader/writer can: reserve, pay a reservation, buy, add a
   * function, and sell cards onto the card in its reader.
   */
  @Test
  void aHomePcOffersTheFlowsOfItsCardReaderWriter() {
    List<String> ids =
        plugin("en", true, "HOME_PC", true).menu().stream().map(MenuEntry::id).toList();

    assertTrue(
        ids.containsAll(
            List.of(
                TicketingPlugin.RESERVE_PAY_ISSUE,
                TicketingPlugin.RESERVE_TO_CARD,
                TicketingPlugin.PAY_RESERVATION,
                TicketingPlugin.DIRECT_PURCHASE,
                TicketingPlugin.ADD_FUNCTION,
                TicketingPlugin.KIOSK_PURCHASE)),
        ids.toString());
  }
}
