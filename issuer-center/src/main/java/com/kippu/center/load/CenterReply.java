package com.kippu.center.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The few fields a terminal of the fleet reads from the center's answer, pulled out with a
 * streaming parser that skips the rest (the signed envelope is most of the bytes): the load
 * generator shares the machine with the center, so it must stay cheap.
 */
record CenterReply(
    int status, String error, String reservationNumber, long amountYen, List<String> seatIds) {
  private static final JsonFactory JSON = new JsonFactory();

  static CenterReply parse(int status, byte[] bytes, int offset, int length) throws IOException {
    String error = "";
    String number = "";
    long amount = 0;
    List<String> seats = new ArrayList<>();
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new CenterReply(status, "NOT_JSON", number, amount, seats);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "error" -> error = p.getText();
          case "reservationNumber" -> number = p.getText();
          case "amountYen" -> amount = p.getLongValue();
          case "seats" -> readSeats(p, seats);
          default -> {
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
              p.skipChildren();
            }
          }
        }
      }
    }
    return new CenterReply(status, error, number, amount, seats);
  }

  private static void readSeats(JsonParser p, List<String> seats) throws IOException {
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        p.nextToken();
        if (field.equals("seatId")) {
          seats.add(p.getText());
        }
      }
    }
  }
}
