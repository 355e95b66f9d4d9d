package com.kippu.atm.flow.users;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CardReissue;
import com.kippu.atm.center.RegisteredUser;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.center.UserRecall;
import com.kippu.atm.flow.Fact;
import com.kippu.atm.flow.FlowSession;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.TerminalProfile;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One registered user's session at the terminal (F9 lost card, F12 registration and recall). The
 * journal gets the user id, the cards and what was reissued onto which card; the PIN block, the
 * attributes and the recalled purchases stay in memory for this session only.
 */
public final class UserSession implements FlowSession {
  public static final Fact<String> USER = Fact.text("user");
  public static final Fact<String> LOST_CARD = Fact.text("lostCard");
  public static final Fact<Instant> LOST_AT = Fact.instant("lostAt");
  public static final Fact<String> NEW_CARD = Fact.text("newCard");

  /** The new tickets reissued onto the new card, comma-separated, as the center answered. */
  public static final Fact<List<String>> REISSUED =
      Fact.of(
          "reissued",
          l -> String.join(",", l),
          s -> s.isEmpty() ? List.of() : Arrays.asList(s.split(",")));

  /**
   * The new commuter passes reissued onto the new card, comma-separated, as the center answered.
   */
  public static final Fact<List<String>> REISSUED_PASSES =
      Fact.of(
          "reissuedPasses",
          l -> String.join(",", l),
          s -> s.isEmpty() ? List.of() : Arrays.asList(s.split(",")));

  public static final Fact<Long> REISSUED_VALUE = Fact.number("reissuedValueYen");
  public static final Fact<Boolean> NEW_CARD_WRITTEN = Fact.flag("newCardWritten");
  public static final Fact<String> NEW_CARD_END = Fact.text("newCardEnd");
  public static final Fact<String> LINKED_CARD = Fact.text("linkedCard");

  /** The card stored for paying at a home PC, masked as the center answered (F13). */
  public static final Fact<String> HOME_CARD = Fact.text("homeCardMasked");

  public static final Fact<String> PROBLEM = Fact.text("problem");

  private final SessionId id;
  private final TerminalProfile terminal;
  private final Map<String, String> facts = new TreeMap<>();
  private UserPin pin;
  private UserRecall recall;
  private CardReissue reissue;
  private String[] profile;

  public UserSession(SessionId id, TerminalProfile terminal) {
    this.id = id;
    this.terminal = terminal;
  }

  /** The session as its last journal entry left it, for recovery. */
  public static UserSession restore(
      SessionId id, TerminalProfile terminal, Map<String, String> facts) {
    UserSession s = new UserSession(id, terminal);
    s.facts.putAll(facts);
    s.facts.remove("terminal");
    return s;
  }

  @Override
  public SessionId id() {
    return id;
  }

  public TerminalProfile terminal() {
    return terminal;
  }

  public <T> void put(Fact<T> fact, T value) {
    fact.put(facts, value);
  }

  public <T> Optional<T> get(Fact<T> fact) {
    return fact.in(facts);
  }

  public <T> T required(Fact<T> fact) {
    return fact.required(facts);
  }

  public Optional<UserId> user() {
    return get(USER).map(UserId::new);
  }

  public UserId requiredUser() {
    return new UserId(required(USER));
  }

  public CardId lostCard() {
    return new CardId(required(LOST_CARD));
  }

  public Optional<CardId> newCard() {
    return get(NEW_CARD).map(CardId::new);
  }

  /** The PIN block of this session, if the user entered it here (never after a restart). */
  public Optional<UserPin> pin() {
    return Optional.ofNullable(pin);
  }

  public void signedIn(UserPin pin, UserRecall recall) {
    this.pin = pin;
    this.recall = recall;
  }

  public void pinChosen(UserPin pin) {
    this.pin = pin;
  }

  public Optional<UserRecall> recall() {
    return Optional.ofNullable(recall);
  }

  public void reissued(CardReissue done) {
    this.reissue = done;
    put(REISSUED, done.tickets().stream().map(t -> t.ticket().ticketNumber()).toList());
    put(REISSUED_PASSES, done.passes().stream().map(p -> p.pass().passNumber()).toList());
    put(REISSUED_VALUE, done.valueYen());
  }

  public Optional<CardReissue> reissue() {
    return Optional.ofNullable(reissue);
  }

  /** The attributes a new user typed (F12), kept in memory only. */
  public void profile(String name, String phone, String address) {
    this.profile = new String[] {name, phone, address};
  }

  /** The registration being made: the user id chosen and the attributes typed. */
  public Optional<RegisteredUser> draft() {
    if (profile == null || user().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RegisteredUser(user().get(), profile[0], profile[1], profile[2]));
  }

  @Override
  public Map<String, String> facts() {
    Map<String, String> out = new TreeMap<>(facts);
    out.put("terminal", terminal.terminalId());
    return out;
  }
}
