package com.kippu.atm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.CardReader;
import com.kippu.atm.payment.CashDesk;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.Purse;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.payment.WorkingKey;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The payment menu by terminal kind and devices (S1 ¶114-118): each kind offers only what its
 * devices and its kind allow, whatever the configuration says it has.
 */
class TerminalKindMenusTest {
  private static final TestCardAccess.Credentials ACCESS = TestCardAccess.credentials("ATM00001");

  private static final PinPad PAD =
      new PinPad() {
        @Override
        public void loadPinKey(WorkingKey pinKey) {}

        @Override
        public PinBlock readPin(com.kippu.atm.payment.CardNumber card) {
          throw new AssertionError("no PIN is read while building a menu");
        }
      };
  private static final CardReader READER =
      timeout -> {
        throw new AssertionError("no card is read while building a menu");
      };
  private static final Purse PURSE =
      new Purse() {
        @Override
        public long balanceYen() {
          return 0;
        }

        @Override
        public Movement subtract(Money amount, String transactionId) {
          throw new AssertionError();
        }

        @Override
        public Movement add(Money amount, String transactionId) {
          throw new AssertionError();
        }

        @Override
        public Optional<Movement> lastMovement() {
          return Optional.empty();
        }
      };
  private static final BankHost BANK =
      new BankHost() {
        @Override
        public TransferResult transfer(TransferRequest request) {
          throw new AssertionError();
        }

        @Override
        public boolean echo() {
          return true;
        }

        @Override
        public void close() {}
      };

  /** A cash unit that must not be touched while a menu is built. */
  private static final CashDesk DESK =
      (CashDesk)
          Proxy.newProxyInstance(
              CashDesk.class.getClassLoader(),
              new Class<?>[] {CashDesk.class},
              (proxy, method, args) -> {
                throw new AssertionError("no cash moves while building a menu");
              });

  private static PluginConfig config(String kind, String devices) {
    Properties p = new Properties();
    p.setProperty("terminal.id", "ATM00001");
    p.setProperty("terminal.kind", kind);
    for (String key :
        List.of("icCardWriter", "cashIn", "cardReader", "pinPad", "emoney", "cardStocker")) {
      p.setProperty("terminal." + key, Boolean.toString(devices.contains(key)));
    }
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
    return PluginConfig.from(p);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BANK_ATM      | icCardWriter pinPad cardReader emoney cashIn | transfer transfer-card debit credit prepaid emoney cash",
        "BANK_ATM      | icCardWriter pinPad cardReader emoney | transfer transfer-card debit credit prepaid emoney",
        "BANK_ATM      | icCardWriter pinPad                   | transfer",
        "IN_COMPANY_CD | icCardWriter pinPad cardReader emoney cashIn | transfer transfer-card debit credit prepaid emoney",
        "KIOSK         | icCardWriter pinPad cardReader emoney cashIn | debit credit prepaid emoney cash",
        "KIOSK         | icCardWriter cardReader emoney        | credit prepaid emoney",
        "HOME_PC       | icCardWriter pinPad emoney cashIn     | transfer emoney",
      })
  void menuOffersWhatTheKindAndItsDevicesAllow(String kind, String devices, String expected) {
    PluginConfig config = config(kind, devices);
    PaymentDevices opened =
        new PaymentDevices(
            devices.contains("pinPad") ? Optional.of(PAD) : Optional.empty(),
            devices.contains("cardReader") ? Optional.of(READER) : Optional.empty(),
            devices.contains("emoney") ? Optional.of(PURSE) : Optional.empty(),
            devices.contains("cashIn") ? Optional.of(DESK) : Optional.empty());

    List<String> offered =
        opened
            .methods(config, BANK, true, "CARD-NETWORK", Clock.systemUTC())
            .offeredOn(config.terminal())
            .stream()
            .map(PaymentMethod::id)
            .toList();

    assertEquals(List.of(expected.split(" ")), offered);
  }

  @ParameterizedTest
  @CsvSource({"IN_COMPANY_CD", "HOME_PC"})
  void kindsWithoutCashNeverTakeCashEvenWithACashUnitConfigured(String kind) {
    PluginConfig config = config(kind, "icCardWriter cashIn pinPad");

    assertTrue(config.terminal().has(com.kippu.atm.spi.TerminalProfile.Device.CASH_IN));
    assertEquals(false, config.terminal().takesCash());
  }

  @ParameterizedTest
  @CsvSource({"terminal.cashIn, yes", "terminal.kind, ATM"})
  void badDeviceFlagOrKindIsRefusedNamingTheKey(String key, String value) {
    Properties p = new Properties();
    p.setProperty("terminal.id", "ATM00001");
    p.setProperty(key, value);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}
