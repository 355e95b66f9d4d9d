package com.kippu.iso8583.spec;

import com.kippu.iso8583.Link;
import java.util.List;
import java.util.Optional;
import org.jpos.iso.ISOMsg;

/**
 * Checks a message against its spec page ({@link Specs}): every mandatory field present, every
 * present field allowed (conditions evaluated), lengths, character sets and fixed values right.
 * Used by the terminal before sending and on receipt, and by the hosts on receipt (a request that
 * fails is answered 30). Stateless and thread-safe; never throws on malformed input other than with
 * {@link SpecViolationException}. The rules are compiled into per-side tables once ({@link
 * CompiledSide}), so a check does no searching, streaming or pattern matching.
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

  /** All violations of {@code m} against {@code side}, in field order; empty when it conforms. */
  public static List<Violation> check(MessageSide side, ISOMsg m) {
    return CompiledSide.of(side).check(m);
  }

  private static String safeMti(ISOMsg m) {
    String mti = m.getString(0);
    return mti != null && mti.matches("\\d{4}") ? mti : "with unreadable MTI";
  }
}
