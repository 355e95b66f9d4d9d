package com.kippu.center.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Typed access to a JSON object's fields; every failure names the field by its dotted path ({@code
 * payment.amountYen}) so the terminal knows what to fix.
 */
final class JsonFields {
  private final JsonNode node;
  private final String prefix;

  JsonFields(JsonNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  String pathOf(String field) {
    return prefix + field;
  }

  private JsonNode required(String field) throws ApiException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.missing(pathOf(field));
    }
    return value;
  }

  String text(String field) throws ApiException {
    JsonNode value = required(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw ApiException.invalid(pathOf(field), "must be a non-empty string");
    }
    return value.asText();
  }

  /** Optional free text, bounded so it cannot flood the store. */
  String optionalText(String field, int maxLength) throws ApiException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().length() > maxLength) {
      throw ApiException.invalid(pathOf(field), "must be a string of at most " + maxLength);
    }
    return value.asText();
  }

  /** A text field turned into a value type; the value type's own check decides validity. */
  <T> T value(String field, Function<String, T> parse) throws ApiException {
    String text = text(field);
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(pathOf(field), "is invalid: " + e.getMessage());
    }
  }

  long positiveLong(String field) throws ApiException {
    JsonNode value = required(field);
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
      throw ApiException.invalid(pathOf(field), "must be a positive integer");
    }
    return value.asLong();
  }

  /** An integer from {@code min} to {@code max}, both included. */
  long boundedLong(String field, long min, long max) throws ApiException {
    JsonNode value = required(field);
    if (!value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.asLong() < min
        || value.asLong() > max) {
      throw ApiException.invalid(pathOf(field), "must be an integer from " + min + " to " + max);
    }
    return value.asLong();
  }

  Instant instant(String field) throws ApiException {
    String text = text(field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(pathOf(field), "must be an ISO-8601 instant");
    }
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) throws ApiException {
    String text = text(field);
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(pathOf(field), "is not a supported value: " + text);
    }
  }

  JsonFields object(String field) throws ApiException {
    JsonNode value = required(field);
    if (!value.isObject()) {
      throw ApiException.invalid(pathOf(field), "must be an object");
    }
    return new JsonFields(value, pathOf(field) + ".");
  }

  /** A non-empty array of distinct strings, each turned into a value type. */
  <T> List<T> distinctValues(String field, int maxItems, Function<String, T> parse)
      throws ApiException {
    JsonNode value = required(field);
    if (!value.isArray() || value.isEmpty() || value.size() > maxItems) {
      throw ApiException.invalid(pathOf(field), "must be an array of 1 to " + maxItems + " items");
    }
    List<T> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.invalid(pathOf(field), "must contain strings");
      }
      try {
        items.add(parse.apply(item.asText()));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(pathOf(field), "is invalid: " + e.getMessage());
      }
    }
    if (items.stream().distinct().count() != items.size()) {
      throw ApiException.invalid(pathOf(field), "must not repeat an item");
    }
    return items;
  }

  /**
   * An optional object of string values (empty when absent), at most {@code maxEntries} of at most
   * {@code maxLength} characters; a value is never repeated in an error.
   */
  Map<String, String> optionalStrings(String field, int maxEntries, int maxLength)
      throws ApiException {
    if (!has(field)) {
      return Map.of();
    }
    JsonNode value = node.get(field);
    if (!value.isObject() || value.size() > maxEntries) {
      throw ApiException.invalid(
          pathOf(field), "must be an object of at most " + maxEntries + " strings");
    }
    Map<String, String> strings = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      if (!e.getValue().isTextual() || e.getValue().asText().length() > maxLength) {
        throw ApiException.invalid(
            pathOf(field), "must hold strings of at most " + maxLength + " characters");
      }
      strings.put(e.getKey(), e.getValue().asText());
    }
    return strings;
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  boolean optionalBoolean(String field, boolean fallback) throws ApiException {
    if (!has(field)) {
      return fallback;
    }
    JsonNode value = node.get(field);
    if (!value.isBoolean()) {
      throw ApiException.invalid(pathOf(field), "must be true or false");
    }
    return value.asBoolean();
  }

  int intValue(String field, int min, int max) throws ApiException {
    JsonNode value = required(field);
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.asInt() < min
        || value.asInt() > max) {
      throw ApiException.invalid(pathOf(field), "must be an integer from " + min + " to " + max);
    }
    return value.asInt();
  }

  /** A bounded non-empty string. */
  String text(String field, int maxLength) throws ApiException {
    String value = text(field);
    if (value.length() > maxLength) {
      throw ApiException.invalid(pathOf(field), "must be at most " + maxLength + " characters");
    }
    return value;
  }

  /** A non-empty array of at most {@code maxItems} objects. */
  List<JsonFields> objects(String field, int maxItems) throws ApiException {
    JsonNode value = required(field);
    if (!value.isArray() || value.isEmpty() || value.size() > maxItems) {
      throw ApiException.invalid(pathOf(field), "must be an array of 1 to " + maxItems + " items");
    }
    List<JsonFields> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isObject()) {
        throw ApiException.invalid(pathOf(field) + "[" + i + "]", "must be an object");
      }
      items.add(new JsonFields(value.get(i), pathOf(field) + "[" + i + "]."));
    }
    return items;
  }
}
