package com.kippu.simulator;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the ISO 8583 links may carry a secret, and where they carried one anyway. A full card
 * number may travel only in a request from the terminal, in the PAN or a track field; a PIN block
 * only in field 52 of a request from the terminal to the bank host, and never as the clear ISO 9564
 * format 0 block of a known PIN; a clear PIN never.
 */
final class IsoLeaks {
  /** The fields of an ISO message that may carry a full card number: PAN and track data. */
  private static final Set<Integer> CARD_NUMBER_FIELDS = Set.of(Field.PAN, 35, 45);

  private IsoLeaks() {}

  /** Every secret in {@code iso} where it must not be. */
  static List<String> findings(
      List<IsoTraffic.Message> iso, Set<String> pans, Set<String> pinBlocks, List<String> pins) {
    Set<String> clearBlocks = clearBlocks(pins, pans);
    LeakScanner pinsOnly = new LeakScanner(List.of(), List.of(), pins);
    List<String> findings = new ArrayList<>();
    for (IsoTraffic.Message m : iso) {
      for (var field : m.fields().entrySet()) {
        int number = field.getKey();
        String value = field.getValue();
        String where = m + " field " + number;
        boolean cardNumberField = CARD_NUMBER_FIELDS.contains(number) && m.fromTerminal();
        if (!cardNumberField && pans.stream().anyMatch(value::contains)) {
          findings.add(where + ": a full card number");
        }
        boolean pinBlockField =
            number == Field.PIN_BLOCK && m.fromTerminal() && m.link() == Link.BANK_HOST;
        if (number == Field.PIN_BLOCK && !pinBlockField) {
          findings.add(where + ": a PIN block where none may travel");
        } else if (!pinBlockField && pinBlocks.stream().anyMatch(value::contains)) {
          findings.add(where + ": a PIN block");
        }
        if (pins.contains(value) || clearBlocks.stream().anyMatch(value::contains)) {
          findings.add(where + ": a clear PIN or clear PIN block");
        }
        findings.addAll(pinsOnly.scan(where, value, EnumSet.of(LeakScanner.Secret.PIN)));
      }
    }
    return findings;
  }

  /** The clear format 0 block of every PIN with every card number, as upper-case hex. */
  static Set<String> clearBlocks(Collection<String> pins, Collection<String> pans) {
    Set<String> blocks = new LinkedHashSet<>();
    for (String pin : pins) {
      for (String pan : pans) {
        blocks.add(clearFormat0(pin, pan));
      }
    }
    return blocks;
  }

  /** ISO 9564 format 0: PIN field XOR the 12 rightmost PAN digits before the check digit. */
  static String clearFormat0(String pin, String pan) {
    String pinField = "0" + pin.length() + pin + "F".repeat(14 - pin.length());
    String account = pan.substring(pan.length() - 13, pan.length() - 1);
    byte[] a = HexFormat.of().parseHex(pinField);
    byte[] b = HexFormat.of().parseHex("0000" + account);
    for (int i = 0; i < a.length; i++) {
      a[i] ^= b[i];
    }
    return HexFormat.of().withUpperCase().formatHex(a);
  }
}
