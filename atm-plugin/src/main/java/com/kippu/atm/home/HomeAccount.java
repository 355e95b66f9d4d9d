package com.kippu.atm.home;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.HomeSession;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Text;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The registered user logged in at a home PC (F13, S2 ¶46-47): a home PC serves registered users
 * only, so every session there begins with user id and password, checked by the center over TLS.
 * The session's login lives in memory for that one customer session and is forgotten after it.
 */
public final class HomeAccount {
  /** Tries before the session ends unserved. */
  static final int TRIES = 3;

  private static final Logger LOG = Logger.getLogger(HomeAccount.class.getName());

  private final IssuerCenter center;
  private HomeSession login;

  public HomeAccount(IssuerCenter center) {
    this.center = center;
  }

  /**
   * Asks for user id and password until the center accepts them, {@link #TRIES} times at most;
   * false when the customer cancels or runs out of tries.
   */
  public boolean logIn(CustomerTerminal customer) {
    login = null;
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      Answer user = customer.show(input("home-user-id", "home-user-id.title"));
      if (user.kind() != Answer.Kind.CHOSEN) {
        return false;
      }
      Answer password = customer.show(input("home-password", "home-password.title"));
      if (password.kind() != Answer.Kind.CHOSEN) {
        return false;
      }
      try {
        login = center.homeLogin(user.key(), password.key().toCharArray());
        customer.inform(
            Screens.notice(
                "home-welcome",
                Text.of("home-welcome.title"),
                Text.of("home-welcome.line", login.userId())));
        return true;
      } catch (CenterException e) {
        LOG.info("home login refused (" + e.code() + "), attempt " + attempt);
        customer.inform(
            Screens.notice(
                "home-login-refused",
                Text.of("home-login-refused.title"),
                Text.of(attempt < TRIES ? "home-login-refused.line" : "home-login-refused.last")));
      }
    }
    return false;
  }

  /** The login of the current session, if the user logged in. */
  public Optional<HomeSession> login() {
    return Optional.ofNullable(login);
  }

  /** The session is over: the login is forgotten. */
  public void logOut() {
    login = null;
  }

  private static Screen input(String id, String title) {
    return Screens.ask(id, Text.of(title), List.of(Text.of(title + ".line")), List.of());
  }
}
