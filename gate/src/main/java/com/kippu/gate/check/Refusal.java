package com.kippu.gate.check;

/** Why a gate refuses a ticket, each with the line gate staff read (S1 ¶79). */
public enum Refusal {
  NO_TICKET("no ticket on this card"),
  UNREADABLE("the ticket cannot be read"),
  UNTRUSTED_ISSUER("issuer key not certified by the center"),
  BAD_SIGNATURE("issuer signature does not verify"),
  OTHER_CARD("ticket belongs to another card"),
  COPIED_CARD("card failed its authentication: a copy"),
  NO_REVOCATION_LIST("no revocation list: sync the gate"),
  STALE_REVOCATION_LIST("revocation list too old: sync the gate"),
  CARD_REVOKED("card reported lost or stolen"),
  TICKET_VOIDED("ticket voided by the issuer"),
  WRONG_EVENT("ticket is for another event"),
  WRONG_VENUE("ticket is for another venue"),
  OUTSIDE_GATE_WINDOW("gate is not open for this ticket's date and time"),
  ALREADY_USED("ticket already used"),
  UNKNOWN_AT_ISSUER("the issuer does not know this ticket for this card"),
  CARD_NOT_MARKED("the card could not be marked used: present it again");

  private final String staffText;

  Refusal(String staffText) {
    this.staffText = staffText;
  }

  public String staffText() {
    return staffText;
  }
}
