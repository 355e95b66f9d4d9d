package com.kippu.atm.flow.users;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.CardChallenge;
import com.kippu.atm.center.CardProof;
import com.kippu.atm.center.CardReissue;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import java.util.Optional;

/**
 * Has the center reissue the lost card's valid tickets and prepaid value onto the new card (S2
 * ¶38-40). The new card proves it is in the transport by answering the center's challenge with its
 * own key. The reissue is once per lost card and idempotent onto the same new card, so an answer
 * lost on the way is asked for again by recovery, with the card's answer and without the PIN.
 */
public final class ReissueOntoNewCard implements Step<UserSession> {
  private final UserCenter center;
  private final IcCard card;

  public ReissueOntoNewCard(UserCenter center, IcCard card) {
    this.center = center;
    this.card = card;
  }

  @Override
  public String id() {
    return "reissue";
  }

  @Override
  public Outcome run(UserSession session) throws Exception {
    try {
      session.reissued(
          ask(
              center,
              card,
              session.requiredUser(),
              session.pin(),
              session.lostCard(),
              newCard(session)));
    } catch (CenterException e) {
      if (e.outcomeUnknown()) {
        return Outcome.unsettled("reissue onto the new card unconfirmed: " + e.getMessage());
      }
      return Outcome.fail("the center refused the reissue: " + e.code() + " " + e.getMessage());
    }
    return Outcome.next();
  }

  private static CardId newCard(UserSession session) {
    return session.newCard().orElseThrow(() -> new IllegalStateException("no new card fed"));
  }

  /** The card in the transport answers a fresh challenge; the center reissues onto it. */
  static CardReissue ask(
      UserCenter center,
      IcCard card,
      UserId user,
      Optional<UserPin> pin,
      CardId lost,
      CardId newCard)
      throws Exception {
    CardChallenge challenge = center.challenge(newCard);
    CardProof proof =
        new CardProof(challenge.challengeId(), card.authenticate(challenge.challenge()));
    return center.reissue(user, pin, lost, newCard, proof);
  }
}
