package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a user id and PIN recall at the center (S2 ¶36): the registered attributes, the cards linked
 * to the user (lost ones with when, and the card they were reissued onto), and earlier purchases
 * and commuter passes with their state; whether an operator checked the registration's identity (S2
 * ¶35, ¶37), the face photo stored at registration (S2 ¶39), and the center's grant of this sign-in
 * ({@code signInGrant}), which links the card bought in the session to the user in place of the PIN
 * (with the card's own answer, from this terminal only).
 */
public record UserRecall(
    RegisteredUser profile,
    List<UserCard> cards,
    List<Purchase> purchases,
    List<Pass> passes,
    boolean identityChecked,
    Optional<byte[]> facePhoto,
    Optional<String> signInGrant) {
  public UserRecall {
    cards = List.copyOf(cards);
    purchases = List.copyOf(purchases);
    passes = List.copyOf(passes);
    facePhoto = facePhoto.map(byte[]::clone);
  }

  /** A recall without a sign-in grant. */
  public UserRecall(
      RegisteredUser profile,
      List<UserCard> cards,
      List<Purchase> purchases,
      List<Pass> passes,
      boolean identityChecked,
      Optional<byte[]> facePhoto) {
    this(profile, cards, purchases, passes, identityChecked, facePhoto, Optional.empty());
  }

  /** A recall of a registration not identity-checked, without a face photo. */
  public UserRecall(
      RegisteredUser profile, List<UserCard> cards, List<Purchase> purchases, List<Pass> passes) {
    this(profile, cards, purchases, passes, false, Optional.empty(), Optional.empty());
  }

  /** The registered face photo (S2 ¶39), a PNG, if one was stored. */
  @Override
  public Optional<byte[]> facePhoto() {
    return facePhoto.map(byte[]::clone);
  }

  /** A recall without commuter passes. */
  public UserRecall(RegisteredUser profile, List<UserCard> cards, List<Purchase> purchases) {
    this(profile, cards, purchases, List.of());
  }

  /**
   * A commuter pass on one of the user's cards, as the railway signed it, with its state: VALID,
   * EXPIRED, LOST (its card is) or REISSUED (onto a lost card's new card).
   */
  public record Pass(CommuterPass pass, String state) {
    public boolean valid() {
      return "VALID".equals(state);
    }
  }

  /** A card linked to the user. */
  public record UserCard(CardId cardId, Optional<Instant> lostAt, Optional<CardId> reissuedOnto) {
    public boolean lost() {
      return lostAt.isPresent();
    }
  }

  /** An earlier purchase: the ticket, its card, title, amount, state and signed ticket. */
  public record Purchase(
      String ticketNumber,
      CardId cardId,
      IssuerId issuerId,
      String title,
      long amountYen,
      Instant issuedAt,
      String state,
      SignedDocument signedTicket) {
    public boolean valid() {
      return "VALID".equals(state);
    }
  }
}
