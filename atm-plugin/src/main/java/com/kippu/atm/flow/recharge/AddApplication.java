package com.kippu.atm.flow.recharge;

import com.kippu.atm.card.CardApplication;
import com.kippu.atm.center.ApplicationPackage;
import java.util.List;

/**
 * What one add-a-function session knows besides its purchase parts (F11): the applications already
 * on the card, and the verified package chosen. Only the price and payee go to the journal (through
 * the hold part).
 */
final class AddApplication {
  private List<CardApplication> onCard = List.of();
  private String chosen;
  private ApplicationPackage fetched;

  void onCard(List<CardApplication> applications) {
    this.onCard = List.copyOf(applications);
  }

  List<CardApplication> onCard() {
    return onCard;
  }

  void choose(String appId) {
    this.chosen = appId;
  }

  String chosen() {
    return chosen;
  }

  void fetched(ApplicationPackage p) {
    this.fetched = p;
  }

  ApplicationPackage fetched() {
    return fetched;
  }
}
