package com.kippu.atm.card;

/**
 * An issuer's application for a CPU card (S2 ¶21, ¶45, ¶53): its AID (hex), version, name and code,
 * as the terminal installs it; and, as listed by the card, without the code.
 */
public record CardApplication(String aidHex, int version, String name, byte[] code) {
  public CardApplication {
    code = code == null ? new byte[0] : code.clone();
  }

  @Override
  public byte[] code() {
    return code.clone();
  }

  @Override
  public String toString() {
    return name + " " + aidHex + " v" + version;
  }
}
