package com.kippu.atm;

import com.kippu.atm.flow.pay.ActivationCheck;
import com.kippu.atm.flow.pay.CardPayment;
import com.kippu.atm.flow.pay.CashPayment;
import com.kippu.atm.flow.pay.EMoneyPayment;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.CardReader;
import com.kippu.atm.payment.CashDesk;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.Purse;
import com.kippu.atm.spi.TerminalProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payment devices a terminal has opened, one optional port each, and the payment methods they
 * and the terminal's kind allow (S1 ¶114-117): a kiosk takes no account transfer, a card network
 * route carries credit and prepaid, and each method still checks the profile itself.
 */
public record PaymentDevices(
    Optional<PinPad> pinPad,
    Optional<CardReader> cardReader,
    Optional<Purse> purse,
    Optional<CashDesk> cashDesk) {

  /** How long the customer has to swipe a card once asked. */
  static final Duration SWIPE_TIMEOUT = Duration.ofSeconds(30);

  /** How long a cash screen waits for the customer before the cash goes back. */
  static final Duration CASH_ANSWER_TIMEOUT = Duration.ofSeconds(60);

  public static PaymentDevices none() {
    return new PaymentDevices(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The methods in the order the customer is offered them.
   *
   * @param cardNetwork whether a route carries credit and prepaid authorizations
   * @param network the card network's id, named as acquirer in the payment proof
   */
  public PaymentMethods methods(
      PluginConfig config, BankHost bank, boolean cardNetwork, String network, Clock clock) {
    return methods(config, bank, cardNetwork, network, clock, ActivationCheck.NONE);
  }

  /**
   * As above; {@code activation} asks the issuer whether a card paying with its own e-money is a
   * pre-valued card never activated (S2 ¶42-43).
   */
  public PaymentMethods methods(
      PluginConfig config,
      BankHost bank,
      boolean cardNetwork,
      String network,
      Clock clock,
      ActivationCheck activation) {
    TerminalProfile terminal = config.terminal();
    List<PaymentMethod> methods = new ArrayList<>();
    if (pinPad.isPresent() && terminal.kind() != TerminalProfile.Kind.KIOSK) {
      methods.add(TransferPayment.fromIcCard(bank, pinPad.get(), config.acquirerId()));
      cardReader.ifPresent(
          r ->
              methods.add(
                  TransferPayment.withCashCard(
                      bank, pinPad.get(), r, config.acquirerId(), SWIPE_TIMEOUT)));
    }
    if (cardReader.isPresent()) {
      pinPad.ifPresent(
          pad ->
              methods.add(
                  CardPayment.debit(
                      bank, cardReader.get(), pad, config.acquirerId(), SWIPE_TIMEOUT)));
      if (cardNetwork) {
        for (AuthorizationRequest.Kind kind :
            List.of(AuthorizationRequest.Kind.CREDIT, AuthorizationRequest.Kind.PREPAID)) {
          methods.add(CardPayment.withoutPin(kind, bank, cardReader.get(), network, SWIPE_TIMEOUT));
        }
      }
    }
    purse.ifPresent(p -> methods.add(new EMoneyPayment(p, clock, activation)));
    cashDesk.ifPresent(
        d -> methods.add(new CashPayment(bank, d, config.acquirerId(), CASH_ANSWER_TIMEOUT)));
    return new PaymentMethods(methods);
  }
}
