package com.kippu.atm.flow.pay;

import com.kippu.atm.spi.TerminalProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The payment methods a terminal has, by id, in the order the customer is offered them. */
public final class PaymentMethods {
  private final Map<String, PaymentMethod> byId = new LinkedHashMap<>();

  public PaymentMethods(List<PaymentMethod> methods) {
    for (PaymentMethod m : methods) {
      if (byId.put(m.id(), m) != null) {
        throw new IllegalArgumentException("two payment methods " + m.id());
      }
    }
  }

  /** The methods this terminal can carry out, in order. */
  public List<PaymentMethod> offeredOn(TerminalProfile terminal) {
    return byId.values().stream().filter(m -> m.offeredOn(terminal)).toList();
  }

  /** Every method, in order. */
  public List<PaymentMethod> all() {
    return List.copyOf(byId.values());
  }

  public Optional<PaymentMethod> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public PaymentMethod get(String id) {
    return find(id)
        .orElseThrow(() -> new IllegalStateException("no payment method " + id + " here"));
  }
}
