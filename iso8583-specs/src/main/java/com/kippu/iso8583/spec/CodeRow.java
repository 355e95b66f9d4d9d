package com.kippu.iso8583.spec;

import java.util.Objects;

/** A code the spec page lists (processing, network management or response code) and its use. */
public record CodeRow(String code, String name, String meaning) {
  public CodeRow {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(meaning, "meaning");
  }
}
