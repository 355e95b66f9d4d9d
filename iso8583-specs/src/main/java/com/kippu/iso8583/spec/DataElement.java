package com.kippu.iso8583.spec;

import java.util.Objects;

/** One data element of a link: number, ISO name and format. */
public record DataElement(int number, String name, FieldFormat format) {
  public DataElement {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    if (number < 0 || number > 128) {
      throw new IllegalArgumentException("field number must be 0..128: " + number);
    }
  }
}
