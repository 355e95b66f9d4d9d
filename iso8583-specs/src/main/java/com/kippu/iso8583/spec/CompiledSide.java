package com.kippu.iso8583.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * One {@link MessageSide} turned into a table the validator walks without searching: the rule of
 * each field number, and every violation text built once. Checking a conforming message allocates
 * only the copy of its field map. The sides of the catalogue ({@link Specs#all()}) are compiled
 * once; any other side is compiled when it is checked.
 */
final class CompiledSide {
  private static final int MAX_FIELD = 128;
  private static final Map<MessageSide, CompiledSide> CATALOGUE = compileCatalogue();

  private final Set<String> mtis;
  private final String mtiProblem;
  private final Rule[] byField = new Rule[MAX_FIELD + 1];
  private final Rule[] rules;

  private CompiledSide(MessageSide side) {
    mtis = side.mtis();
    mtiProblem = "MTI must be one of " + side.mtis();
    rules = new Rule[side.fields().size()];
    for (int i = 0; i < rules.length; i++) {
      FieldRule r = side.fields().get(i);
      rules[i] = new Rule(r);
      if (r.field() >= 0 && r.field() <= MAX_FIELD) {
        byField[r.field()] = rules[i];
      }
    }
  }

  /** The table of {@code side}: the catalogue's, or a fresh one for a side outside it. */
  static CompiledSide of(MessageSide side) {
    CompiledSide c = CATALOGUE.get(side);
    return c != null ? c : new CompiledSide(side);
  }

  private static Map<MessageSide, CompiledSide> compileCatalogue() {
    Map<MessageSide, CompiledSide> all = new IdentityHashMap<>();
    for (MessageSpec s : Specs.all()) {
      all.put(s.request(), new CompiledSide(s.request()));
      all.put(s.response(), new CompiledSide(s.response()));
    }
    // Never written after class initialization, so safe to read from any thread.
    return Collections.unmodifiableMap(all);
  }

  /** All violations of {@code m}, in field order; empty (and not allocated) when it conforms. */
  List<Violation> check(ISOMsg m) {
    List<Violation> found = null;
    String mti = m.getString(0);
    if (mti == null || !mtis.contains(mti)) {
      found = add(found, new Violation(0, mtiProblem));
    }
    @SuppressWarnings("unchecked")
    Map<Integer, Object> present = m.getChildren();
    boolean sorted = true;
    for (Map.Entry<Integer, Object> e : present.entrySet()) {
      int field = e.getKey();
      if (field < 2 || field > MAX_FIELD || byField[field] != null) {
        continue;
      }
      found = add(found, new Violation(field, "not allowed in this message"));
    }
    for (Rule r : rules) {
      Object c = present.get(r.field);
      Violation v = r.check(c, m);
      if (v != null) {
        sorted &= found == null || found.get(found.size() - 1).field() < v.field();
        found = add(found, v);
      }
    }
    if (found == null) {
      return List.of();
    }
    if (!sorted) {
      found.sort(Comparator.comparingInt(Violation::field));
    }
    return found;
  }

  private static List<Violation> add(List<Violation> found, Violation v) {
    List<Violation> list = found == null ? new ArrayList<>(4) : found;
    list.add(v);
    return list;
  }

  /** One field rule with its format unpacked and its violation texts ready. */
  private static final class Rule {
    final int field;
    final Presence presence;
    final Condition condition;
    final Set<String> values;
    final Charset charset;
    final int length;
    final boolean variable;
    final String missing;
    final String forbidden;
    final String wrongBytes;
    final String wrongLength;
    final String wrongCharset;

    Rule(FieldRule r) {
      field = r.field();
      presence = r.presence();
      condition = r.condition();
      values = r.values();
      FieldFormat f = r.element().format();
      charset = f.charset();
      length = f.length();
      variable = f.variable();
      missing = "missing" + (condition == null ? "" : " (" + condition.text() + ")");
      forbidden = condition == null ? "" : "not allowed here: " + condition.text();
      wrongBytes = "must be " + length + " bytes";
      wrongLength = "wrong length, format is " + f.notation();
      wrongCharset = "characters outside " + charset.code();
    }

    /** The violation of this rule by component {@code c} (null when absent), or null. */
    Violation check(Object c, ISOMsg m) {
      boolean required;
      boolean excluded = false;
      switch (presence) {
        case MANDATORY -> required = true;
        case OPTIONAL -> required = false;
        default -> {
          boolean holds = holds(condition, m);
          required = holds;
          excluded = !holds && condition.exclusive();
        }
      }
      if (c == null) {
        return required ? new Violation(field, missing) : null;
      }
      if (excluded) {
        return new Violation(field, forbidden);
      }
      return checkFormat(c);
    }

    private Violation checkFormat(Object component) {
      Object value;
      try {
        value = ((ISOComponent) component).getValue();
      } catch (ISOException | RuntimeException e) {
        return new Violation(field, "unreadable");
      }
      if (charset == Charset.B) {
        return value instanceof byte[] bytes && bytes.length == length
            ? null
            : new Violation(field, wrongBytes);
      }
      if (!(value instanceof String s)) {
        return new Violation(field, "must be text");
      }
      if (variable ? s.length() > length || s.isEmpty() : s.length() != length) {
        return new Violation(field, wrongLength);
      }
      if (!charset.admits(s)) {
        return new Violation(field, wrongCharset);
      }
      if (!values.isEmpty() && !values.contains(s)) {
        return new Violation(field, "value not one of those the spec lists");
      }
      return null;
    }

    private static boolean holds(Condition c, ISOMsg m) {
      try {
        return c.holds().test(m);
      } catch (RuntimeException e) {
        return false;
      }
    }
  }
}
