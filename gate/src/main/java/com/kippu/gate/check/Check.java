package com.kippu.gate.check;

import com.kippu.atm.center.Ticket;
import java.util.Optional;

/**
 * One ticket judged: the decoded ticket when it could be read, and the refusal with the detail
 * staff see, or none when the ticket may enter.
 */
public record Check(Optional<Ticket> ticket, Optional<Refusal> refusal, String detail) {

  static Check ok(Ticket ticket) {
    return new Check(Optional.of(ticket), Optional.empty(), "valid");
  }

  static Check refused(Ticket ticket, Refusal refusal, String detail) {
    return new Check(Optional.ofNullable(ticket), Optional.of(refusal), detail);
  }

  public boolean admissible() {
    return refusal.isEmpty();
  }
}
