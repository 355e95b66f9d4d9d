package com.kippu.atm.flow.parts;

import com.kippu.atm.center.EventId;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.flow.Fact;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The seats a session chose and the hold the issuer granted on them (S1 ¶101): what was asked
 * (event, seats, request number) is journaled before the hold is asked for, so recovery can find a
 * hold whose answer a crash lost; what was granted (reservation, amount, issuer account) after. In
 * a direct purchase (F6) nothing is held before payment: the issuer's signed quote gives the price
 * and the account to pay ({@link #payee}), and the sale is asked for under the request number.
 */
public final class HoldPart {
  public static final Fact<String> EVENT = Fact.text("event");
  public static final Fact<List<SeatId>> SEATS =
      Fact.of(
          "seats",
          seats -> seats.stream().map(SeatId::value).collect(Collectors.joining(",")),
          raw -> Arrays.stream(raw.split(",")).filter(s -> !s.isBlank()).map(SeatId::new).toList());
  public static final Fact<String> REQUEST = Fact.text("requestNumber");
  public static final Fact<String> RESERVATION = Fact.text("reservation");
  public static final Fact<Long> AMOUNT = Fact.number("amountYen");
  public static final Fact<String> ISSUER_ACCOUNT = Fact.text("issuerAccount");
  public static final Fact<Boolean> RELEASED = Fact.flag("holdReleased");

  /**
   * A direct purchase (F6): paid on a quote, then bought under {@link #REQUEST}; no hold to release
   * before the sale.
   */
  public static final Fact<Boolean> DIRECT = Fact.flag("directPurchase");

  /** The reservation is asked to last until its payment deadline, to pay later (F1). */
  public static final Fact<Boolean> PAY_LATER = Fact.flag("payLater");

  /**
   * The reservation is on the customer's card (written by F1, or read from it by F2/F3): it is the
   * customer's, and the terminal never releases it.
   */
  public static final Fact<Boolean> ON_CARD = Fact.flag("reservationOnCard");

  private EventSummary event;
  private EventId eventId;
  private List<Seat> seats = List.of();
  private List<SeatId> seatIds = List.of();
  private int attempts;
  private String requestNumber;
  private Reservation reservation;
  private ReservationNumber number;
  private Money amount;
  private Instant grantedAt;
  private boolean released;
  private boolean payLater;
  private boolean onCard;
  private Quote quote;
  private boolean direct;
  private AccountNumber payTo;
  private ProductQuote productQuote;

  public void choose(EventSummary event, List<Seat> seats) {
    this.event = event;
    this.eventId = event.eventId();
    this.seats = List.copyOf(seats);
    this.seatIds = seats.stream().map(Seat::seatId).toList();
  }

  public EventSummary event() {
    return event;
  }

  public Optional<EventId> eventId() {
    return Optional.ofNullable(eventId);
  }

  /** The seats as the customer saw them (with prices); empty in a restored session. */
  public List<Seat> seats() {
    return seats;
  }

  public List<SeatId> seatIds() {
    return seatIds;
  }

  /**
   * A fresh request number per hold attempt, journaled before the hold is asked for; the center
   * treats a repeat as the same request.
   */
  public String nextRequestNumber(String sessionId) {
    attempts++;
    requestNumber = sessionId + "-H" + attempts;
    return requestNumber;
  }

  public Optional<String> requestNumber() {
    return Optional.ofNullable(requestNumber);
  }

  public void granted(Reservation reservation, Instant grantedAt) {
    this.reservation = reservation;
    this.number = reservation.number();
    this.amount = reservation.amount();
    this.grantedAt = grantedAt;
    this.released = false;
  }

  /** The reservation as granted in this session; absent before, and in a restored session. */
  /**
   * Whether the granted reservation holds exactly the seats chosen at the price shown for them; a
   * step refuses one that does not before anything is paid.
   */
  public boolean grantedAsShown() {
    Reservation r = granted();
    long shownPrice = seats().stream().mapToLong(s -> s.price().yen()).sum();
    List<SeatId> reserved = r.seats().stream().map(ReservedSeat::seatId).toList();
    return reserved.equals(seatIds()) && r.amount().yen() == shownPrice;
  }

  public Optional<Reservation> reservation() {
    return Optional.ofNullable(reservation);
  }

  public Reservation granted() {
    return reservation().orElseThrow(() -> new IllegalStateException("no hold granted yet"));
  }

  /** The number of the hold this session holds, also in a restored session. */
  public Optional<ReservationNumber> number() {
    return released ? Optional.empty() : Optional.ofNullable(number);
  }

  public Optional<Money> amount() {
    return Optional.ofNullable(amount);
  }

  /**
   * The issuer account the payment goes to (S1 ¶56): the granted reservation's, or in a direct
   * purchase the signed quote's. Both were verified under the issuer's certified key.
   */
  public AccountNumber payee() {
    if (reservation != null) {
      return reservation.issuerAccount();
    }
    if (quote != null) {
      return quote.issuerAccount();
    }
    if (payTo != null) {
      return payTo;
    }
    if (productQuote != null) {
      return productQuote.issuerAccount();
    }
    throw new IllegalStateException("no reservation or quote names the issuer's account");
  }

  /** What the customer pays: the reservation's amount, or the quote's. */
  public Money price() {
    return amount().orElseThrow(() -> new IllegalStateException("no price yet"));
  }

  /**
   * A direct purchase (F6) is to be paid on {@code quote}: its price and payee stand for the
   * reservation the sale will make, asked for under a fresh request number.
   */
  public void quoted(Quote quote, String sessionId) {
    this.quote = quote;
    this.direct = true;
    this.eventId = quote.eventId();
    this.seatIds = quote.seatIds();
    this.amount = quote.amount();
    attempts++;
    this.requestNumber = sessionId + "-D" + attempts;
  }

  /**
   * Nothing is sold or held, only paid for: {@code amount} into {@code payee}, an account the
   * issuer signed for (a card recharge or a card application, F11).
   */
  public void toPay(Money amount, AccountNumber payee) {
    this.amount = amount;
    this.payTo = payee;
  }

  /**
   * A product (a commuter pass, a prepaid card: F7) is to be paid on {@code quote}: its price and
   * payee, the sale asked for under a fresh request number ({@code <session>-K<n>}).
   */
  public void productQuoted(ProductQuote quote, String sessionId) {
    this.productQuote = quote;
    this.amount = quote.amount();
    attempts++;
    this.requestNumber = sessionId + "-K" + attempts;
  }

  /** The product quote this sale pays on; absent before, and in a restored session. */
  public Optional<ProductQuote> productQuote() {
    return Optional.ofNullable(productQuote);
  }

  /** Until when the price quoted (for seats or a product) may be paid; empty without a quote. */
  public Optional<Instant> priceValidUntil() {
    if (quote != null) {
      return Optional.of(quote.validUntil());
    }
    return productQuote().map(ProductQuote::quoteValidUntil);
  }

  /** The quote this direct purchase pays on; absent before, and in a restored session. */
  public Optional<Quote> quote() {
    return Optional.ofNullable(quote);
  }

  public boolean direct() {
    return direct;
  }

  /**
   * What the customer quotes to staff about this session: the reservation number, or in a direct
   * purchase not yet answered the request number it is bought under.
   */
  public String reference() {
    return number()
        .map(ReservationNumber::value)
        .or(this::requestNumber)
        .orElseThrow(() -> new IllegalStateException("nothing reserved or requested"));
  }

  /** When the terminal received the current hold, by its own clock. */
  public Optional<Instant> grantedAt() {
    return Optional.ofNullable(grantedAt);
  }

  /** The reservation to ask for lasts until its payment deadline (F1). */
  public void toPayLater() {
    this.payLater = true;
  }

  public boolean payLater() {
    return payLater;
  }

  /**
   * The customer chose {@code reservation}, read from their card (F2/F3), to pay now: it is held by
   * the session as if granted {@code now}, and stays the customer's whatever the session does.
   */
  public void fromCard(Reservation reservation, Instant now) {
    this.event = null;
    this.eventId = reservation.eventId();
    this.seats = List.of();
    this.seatIds = reservation.seats().stream().map(ReservedSeat::seatId).toList();
    granted(reservation, now);
    this.onCard = true;
  }

  /** The reservation reached the customer's card (F1): from now on it is theirs. */
  public void writtenToCard() {
    this.onCard = true;
  }

  public boolean onCard() {
    return onCard;
  }

  /** The hold was released at the center; the session holds nothing. */
  public void released() {
    this.released = true;
    this.requestNumber = null;
  }

  public void writeTo(Map<String, String> facts) {
    EVENT.put(facts, eventId == null ? null : eventId.value());
    if (!seatIds.isEmpty()) {
      SEATS.put(facts, seatIds);
    }
    REQUEST.put(facts, requestNumber);
    if (number != null) {
      RESERVATION.put(facts, number.value());
      AMOUNT.put(facts, amount == null ? null : amount.yen());
      if (reservation != null) {
        ISSUER_ACCOUNT.put(facts, reservation.issuerAccount().masked());
      }
      if (released) {
        RELEASED.put(facts, true);
      }
    } else if (quote != null) {
      AMOUNT.put(facts, amount.yen());
      ISSUER_ACCOUNT.put(facts, quote.issuerAccount().masked());
    } else if (payTo != null) {
      AMOUNT.put(facts, amount.yen());
      ISSUER_ACCOUNT.put(facts, payTo.masked());
    } else if (productQuote != null) {
      AMOUNT.put(facts, amount.yen());
      ISSUER_ACCOUNT.put(facts, productQuote.issuerAccount().masked());
    } else if (amount != null) {
      // Restored from the journal (recovery journals it again): the amount to prove stays.
      AMOUNT.put(facts, amount.yen());
    }
    if (direct) {
      DIRECT.put(facts, true);
    }
    if (payLater) {
      PAY_LATER.put(facts, true);
    }
    if (onCard) {
      ON_CARD.put(facts, true);
    }
  }

  public static HoldPart from(Map<String, String> facts) {
    HoldPart part = new HoldPart();
    part.eventId = EVENT.in(facts).map(EventId::new).orElse(null);
    part.seatIds = SEATS.in(facts).orElse(List.of());
    part.requestNumber = REQUEST.in(facts).orElse(null);
    part.number = RESERVATION.in(facts).map(ReservationNumber::new).orElse(null);
    part.amount = AMOUNT.in(facts).map(Money::yen).orElse(null);
    part.released = RELEASED.in(facts).orElse(false);
    part.payLater = PAY_LATER.in(facts).orElse(false);
    part.onCard = ON_CARD.in(facts).orElse(false);
    part.direct = DIRECT.in(facts).orElse(false);
    return part;
  }
}
