package com.kippu.iso8583.spec;

import com.kippu.iso8583.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOMsg;

/**
 * Checks a message against its spec page ({@link Specs}): every mandatory field present, every
 * present field allowed (conditions evaluated), lengths, character sets and fixed values right.
 * Used by the terminal before sending and on receipt, and by the hosts on receipt (a request that
 * fails is answered 30). Stateless and thread-safe; never throws on malformed input other than with
 * {@link SpecViolationException}.
 */
public final class MessageValidator {
  private final Link link;

  public MessageValidator(Link link) {
    this.link = link;
  }

  /**
   * The spec match of a conforming message.
   *
   * @throws SpecViolationException naming the first problems, when it does not conform or no
   *     message type of this link has its MTI (and field 3)
   */
  public Specs.Match validate(ISOMsg m) throws SpecViolationException {
    Optional<Specs.Match> match = Specs.find(link, m);
    if (match.isEmpty()) {
      String mti = m.getString(0);
      boolean knownMti =
          Specs.of(link).stream()
              .anyMatch(s -> s.request().mtis().contains(mti) || s.response().mtis().contains(mti));
      Violation v =
          knownMti
              ? new Violation(3, "missing or not a processing code of this MTI on this link")
              : new Violation(0, "not a message type of the " + link.slug() + " link");
      throw new SpecViolationException("message " + safeMti(m), List.of(v));
    }
    validate(match.get().spec(), match.get().side(), m);
    return match.get();
  }

  /** Checks {@code m} against one side of a known message type (e.g. the expected response). */
  public void validate(MessageSpec spec, MessageSide side, ISOMsg m) throws SpecViolationException {
    List<Violation> found = check(side, m);
    if (!found.isEmpty()) {
      throw new SpecViolationException(
          link.slug() + " " + safeMti(m) + " (" + spec.id() + ")", found);
    }
  }

  /** All violations of {@code m} against {@code side}; empty when it conforms. */
  public static List<Violation> check(MessageSide side, ISOMsg m) {
    List<Violation> found = new ArrayList<>();
    String mti = m.getString(0);
    if (mti == null || !side.mtis().contains(mti)) {
      found.add(new Violation(0, "MTI must be one of " + side.mtis()));
    }
    for (int i = 2; i <= 128; i++) {
      boolean present = m.hasField(i);
      Optional<FieldRule> rule = side.rule(i);
      if (rule.isEmpty()) {
        if (present) {
          found.add(new Violation(i, "not allowed in this message"));
        }
        continue;
      }
      FieldRule r = rule.get();
      boolean required;
      boolean forbidden = false;
      switch (r.presence()) {
        case MANDATORY -> required = true;
        case OPTIONAL -> required = false;
        default -> {
          boolean holds = holds(r.condition(), m);
          required = holds;
          forbidden = !holds && r.condition().exclusive();
        }
      }
      if (!present) {
        if (required) {
          found.add(new Violation(i, "missing" + conditionText(r)));
        }
        continue;
      }
      if (forbidden) {
        found.add(new Violation(i, "not allowed here: " + r.condition().text()));
        continue;
      }
      checkFormat(r, m.getComponent(i), found);
    }
    return found;
  }

  private static boolean holds(Condition c, ISOMsg m) {
    try {
      return c.holds().test(m);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String conditionText(FieldRule r) {
    return r.condition() == null ? "" : " (" + r.condition().text() + ")";
  }

  private static void checkFormat(FieldRule r, ISOComponent c, List<Violation> found) {
    FieldFormat f = r.element().format();
    Object value;
    try {
      value = c.getValue();
    } catch (RuntimeException | org.jpos.iso.ISOException e) {
      found.add(new Violation(r.field(), "unreadable"));
      return;
    }
    if (f.charset() == Charset.B) {
      if (!(value instanceof byte[] bytes) || bytes.length != f.length()) {
        found.add(new Violation(r.field(), "must be " + f.length() + " bytes"));
      }
      return;
    }
    if (!(value instanceof String s)) {
      found.add(new Violation(r.field(), "must be text"));
      return;
    }
    if (f.variable() ? s.length() > f.length() || s.isEmpty() : s.length() != f.length()) {
      found.add(new Violation(r.field(), "wrong length, format is " + f.notation()));
      return;
    }
    if (!f.charset().admits(s)) {
      found.add(new Violation(r.field(), "characters outside " + f.charset().code()));
      return;
    }
    if (!r.values().isEmpty() && !r.values().contains(s)) {
      found.add(new Violation(r.field(), "value not one of those the spec lists"));
    }
  }

  private static String safeMti(ISOMsg m) {
    String mti = m.getString(0);
    return mti != null && mti.matches("\\d{4}") ? mti : "with unreadable MTI";
  }
}
